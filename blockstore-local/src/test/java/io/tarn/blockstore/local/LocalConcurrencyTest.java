package io.tarn.blockstore.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

class LocalConcurrencyTest {
    @TempDir
    Path root;

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    @DisplayName("puts racing deletes that prune their shared directories all succeed")
    void putsRacingPrunes() throws Exception {
        LocalBlockStore store = LocalBlockStore.open(new LocalBlockStoreConfig(root));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Location own = Location.of("local://ns/shared/deep/w" + w);
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 300; i++) {
                        store.put(own, new ByteArrayInputStream(new byte[] {(byte) i}), 1, PutOptions.DEFAULT);
                        store.delete(own);
                    }
                    store.put(own, new ByteArrayInputStream(new byte[] {42}), 1, PutOptions.DEFAULT);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.listAll(Location.of("local://ns")).map(s -> s.location().path())).containsExactly("shared/deep/w0", "shared/deep/w1", "shared/deep/w2", "shared/deep/w3");
    }
}
