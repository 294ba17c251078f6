package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
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

/** Compare-and-set writes, tested when the store offers {@link Capability#CONDITIONAL_PUT}. Part of {@link AbstractBlockStoreContractTest}. */
public interface ConditionalPutContract extends BlockStoreFixture {
    int RACERS = 8;

    private SupportsConditionalPut conditional() {
        assumeCapability(Capability.CONDITIONAL_PUT);
        return store().require(Capability.CONDITIONAL_PUT, SupportsConditionalPut.class);
    }

    private static ObjectStat put(SupportsConditionalPut conditional, Location location, byte[] data, WriteCondition condition) {
        return conditional.put(location, new ByteArrayInputStream(data), data.length, PutOptions.DEFAULT, condition);
    }

    @Test
    @DisplayName("IfAbsent on a missing key writes")
    default void ifAbsentOnMissing() {
        SupportsConditionalPut conditional = conditional();
        byte[] data = DeterministicBytes.bytes(61, 100);

        ObjectStat written = put(conditional, at("cas"), data, WriteCondition.ifAbsent());

        assertThat(written.etag()).isEqualTo(Digests.md5Hex(data));
        assertThat(read(at("cas"))).isEqualTo(data);
    }

    @Test
    @DisplayName("IfAbsent on an existing key is PreconditionFailedException and leaves it unchanged")
    default void ifAbsentOnExisting() {
        SupportsConditionalPut conditional = conditional();
        byte[] original = DeterministicBytes.bytes(62, 100);
        put(at("cas"), original);

        assertThatThrownBy(() -> put(conditional, at("cas"), DeterministicBytes.bytes(63, 100), WriteCondition.ifAbsent()))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(read(at("cas"))).isEqualTo(original);
    }

    @Test
    @DisplayName("IfMatch with the current ETag writes")
    default void ifMatchRight() {
        SupportsConditionalPut conditional = conditional();
        ObjectStat current = put(at("cas"), DeterministicBytes.bytes(64, 100));
        byte[] next = DeterministicBytes.bytes(65, 120);

        put(conditional, at("cas"), next, WriteCondition.ifMatch(current.etag()));

        assertThat(read(at("cas"))).isEqualTo(next);
    }

    @Test
    @DisplayName("IfMatch with another ETag is PreconditionFailedException and leaves the object unchanged")
    default void ifMatchWrong() {
        SupportsConditionalPut conditional = conditional();
        byte[] original = DeterministicBytes.bytes(66, 100);
        put(at("cas"), original);

        assertThatThrownBy(() -> put(conditional, at("cas"), DeterministicBytes.bytes(67, 100), WriteCondition.ifMatch(Digests.md5Hex(new byte[] {1}))))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(read(at("cas"))).isEqualTo(original);
    }

    @Test
    @DisplayName("IfMatch on a missing key is PreconditionFailedException and writes nothing")
    default void ifMatchMissing() {
        SupportsConditionalPut conditional = conditional();

        assertThatThrownBy(() -> put(conditional, at("cas"), new byte[] {1}, WriteCondition.ifMatch(Digests.md5Hex(new byte[] {1}))))
                .isInstanceOf(PreconditionFailedException.class);

        assertThatThrownBy(() -> store().stat(at("cas"))).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    @DisplayName("8 threads racing IfAbsent puts of different bytes to one key: exactly one wins and its bytes are stored")
    default void ifAbsentRace() throws Exception {
        SupportsConditionalPut conditional = conditional();

        List<Integer> winners = race(racer -> put(conditional, at("race"), DeterministicBytes.bytes(700 + racer, 5000), WriteCondition.ifAbsent()));

        assertThat(winners).hasSize(1);
        assertThat(read(at("race"))).isEqualTo(DeterministicBytes.bytes(700 + winners.get(0), 5000));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    @DisplayName("8 threads racing IfMatch puts with the same current ETag: exactly one wins and its bytes are stored")
    default void ifMatchRace() throws Exception {
        SupportsConditionalPut conditional = conditional();
        String etag = put(at("race"), new byte[] {0}).etag();

        List<Integer> winners = race(racer -> put(conditional, at("race"), DeterministicBytes.bytes(800 + racer, 5000), WriteCondition.ifMatch(etag)));

        assertThat(winners).hasSize(1);
        assertThat(read(at("race"))).isEqualTo(DeterministicBytes.bytes(800 + winners.get(0), 5000));
    }

    /** Starts {@link #RACERS} writers at once; returns the racers whose write succeeded. Any failure but a lost precondition fails the test. */
    private static List<Integer> race(Racer racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        CountDownLatch ready = new CountDownLatch(RACERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int r = 0; r < RACERS; r++) {
                int id = r;
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    try {
                        racer.write(id);
                        return true;
                    } catch (PreconditionFailedException lost) {
                        return false;
                    }
                }));
            }
            ready.await();
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int r = 0; r < RACERS; r++) {
                if (outcomes.get(r).get()) {
                    winners.add(r);
                }
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One racer's write. */
    @FunctionalInterface
    interface Racer {
        void write(int racer);
    }
}
