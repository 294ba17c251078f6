package io.tarn.graveler.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: concurrent writes share transactions yet each keeps its own result and its own failure. */
class LmdbGroupCommitTest {
    @TempDir
    Path dir;
    private final ExecutorService pool = Executors.newFixedThreadPool(32);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void thirtyTwoWritersIncrementingOneCounterByCompareAndSwapLoseNoIncrement() throws Exception {
        try (LmdbMetadataStore store = LmdbMetadataStore.open(dir)) {
            byte[] key = bytes("counter");
            store.put(key, bytes("0"));
            List<Future<Integer>> writers = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                writers.add(pool.submit(() -> {
                    int retries = 0;
                    for (int i = 0; i < 100; i++) {
                        while (true) {
                            byte[] seen = store.get(key).orElseThrow();
                            byte[] next = bytes(Integer.toString(Integer.parseInt(new String(seen, StandardCharsets.UTF_8)) + 1));
                            if (store.compareAndSwap(key, seen, next)) {
                                break;
                            }
                            retries++;
                        }
                    }
                    return retries;
                }));
            }
            for (Future<Integer> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }

            assertThat(new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("3200");
        }
    }

    @Test
    void aWriteThatThrowsInsideAGroupFailsAloneAndTheOthersLand() throws Exception {
        LmdbEnvironment env = LmdbEnvironment.open(dir, 1 << 20, 64);
        try {
            CountDownLatch leaderRunning = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> leader = pool.submit(() -> env.write((txn, db) -> {
                leaderRunning.countDown();
                await(release);
                return null;
            }));
            leaderRunning.await(10, TimeUnit.SECONDS);
            // These queue up behind the running write, and the next leader commits them as one group.
            List<Future<?>> group = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String name = "k" + i;
                group.add(pool.submit(() -> env.write((txn, db) -> {
                    db.put(txn, direct(name), direct("v"));
                    return name;
                })));
            }
            Future<?> failing = pool.submit(() -> env.write((txn, db) -> {
                db.put(txn, direct("half-written"), direct("v"));
                throw new IllegalStateException("this write fails");
            }));
            Thread.sleep(200);
            release.countDown();
            leader.get(10, TimeUnit.SECONDS);

            for (int i = 0; i < 5; i++) {
                assertThat(group.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("k" + i);
            }
            assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("this write fails");
            for (int i = 0; i < 5; i++) {
                String name = "k" + i;
                assertThat(present(env, name)).as(name).isTrue();
            }
            assertThat(present(env, "half-written")).as("the failed write left nothing").isFalse();
        } finally {
            env.close();
        }
    }

    private static boolean present(LmdbEnvironment env, String key) {
        Boolean found = env.read((txn, db) -> db.get(txn, direct(key)) != null);
        return found;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer direct(String s) {
        byte[] b = bytes(s);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }
}
