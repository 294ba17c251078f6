package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Writers running at once. Part of {@link AbstractBlockStoreContractTest}. */
public interface ConcurrentWriteContract extends BlockStoreFixture {
    int WRITERS = 16;
    int KEYS_PER_WRITER = 8;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("16 threads writing 8 distinct keys each at once: every object is readable with its own bytes")
    default void concurrentPutsToDistinctKeys() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int k = 0; k < KEYS_PER_WRITER; k++) {
                        put(at(keyOf(writer, k)), DeterministicBytes.bytes(seedOf(writer, k), 1000 + writer * 31 + k));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (int w = 0; w < WRITERS; w++) {
            for (int k = 0; k < KEYS_PER_WRITER; k++) {
                assertThat(read(at(keyOf(w, k)))).as(keyOf(w, k)).isEqualTo(DeterministicBytes.bytes(seedOf(w, k), 1000 + w * 31 + k));
            }
        }
        assertThat(keysIn(namespace())).hasSize(WRITERS * KEYS_PER_WRITER);
    }

    private static String keyOf(int writer, int k) {
        // Writers share directories, so that stores creating parent directories race on them.
        return "shared/" + (k % 3) + "/w" + writer + "-k" + k;
    }

    private static long seedOf(int writer, int k) {
        return 1000L * writer + k;
    }
}
