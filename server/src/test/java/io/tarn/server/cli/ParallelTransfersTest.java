package io.tarn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTransfersTest {
    @Test
    void resultsKeepTheItemsOrderWhateverThreadRanThem() {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> results = ParallelTransfers.run(items, 4, i -> {
            threads.add(Thread.currentThread().getName());
            return i * 2;
        });
        assertThat(results).isEqualTo(items.stream().map(i -> i * 2).toList());
        assertThat(threads).allMatch(name -> name.equals("tarn-transfer"));
    }

    @Test
    void theFirstFailureInItemOrderIsThrown() {
        assertThatThrownBy(() -> ParallelTransfers.run(List.of(1, 2, 3, 4), 3, i -> {
            if (i >= 2) {
                throw new CliException(ExitCode.NOT_FOUND, "Cannot find " + i);
            }
            return i;
        })).isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_FOUND)).hasMessage("Cannot find 2");
    }

    @Test
    void aParallelismBelowOneIsAUsageError() {
        assertThatThrownBy(() -> ParallelTransfers.run(List.of(1), 0, i -> i)).hasMessage("Invalid --parallelism 0: expected 1 or more");
    }
}
