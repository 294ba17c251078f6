package io.tarn.blockstore.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A backend that is down or broken fails operations with the backend named, within the configured budget, after retries. */
class GcsBackendDownTest {
    private static final String BUCKET = "tarn-down";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Leeway for a loaded machine around the configured timeout. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    private static BlockStore open(String endpoint, int retries) {
        return new GcsBlockStoreProvider().open(new BlockStoreConfig("gcs", Map.of("project-id", FakeGcsServer.PROJECT, "anonymous", "true",
                "endpoint", endpoint, "timeout", TIMEOUT.toSeconds() + "s", "max-retries", Integer.toString(retries))));
    }

    @Test
    @DisplayName("with the emulator stopped, stat fails with a BlockStoreException naming gcs, bucket and key, within the timeout")
    void emulatorStopped() throws Exception {
        Location location = Location.of("gs://" + BUCKET + "/data/object");
        try (FakeGcsServer gcs = new FakeGcsServer(BUCKET)) {
            gcs.start();
            try (BlockStore store = open(gcs.endpoint(), 3)) {
                assertThatThrownBy(() -> store.stat(location)).isInstanceOf(ObjectNotFoundException.class);
                gcs.close();

                long start = System.nanoTime();
                assertThatThrownBy(() -> store.stat(location))
                        .isExactlyInstanceOf(BlockStoreException.class)
                        .hasMessageContaining("gcs")
                        .hasMessageContaining("bucket '" + BUCKET + "'")
                        .hasMessageContaining("key 'data/object'")
                        .hasMessageContaining("Connect");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
            }
        }
    }

    @Test
    @DisplayName("a backend answering 503 is asked max-retries + 1 times, then reported naming gcs, bucket, key and the status")
    void retriedThenReported() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer unavailable = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        unavailable.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        unavailable.start();
        try (BlockStore store = open("http://127.0.0.1:" + unavailable.getAddress().getPort(), 2)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.stat(Location.of("gs://" + BUCKET + "/x")))
                    .isExactlyInstanceOf(BlockStoreException.class)
                    .hasMessageContaining("on gcs (bucket '" + BUCKET + "', key 'x')")
                    .hasMessageContaining("503");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
        } finally {
            unavailable.stop(0);
        }
        assertThat(requests.get()).as("attempts: the first and 2 retries").isEqualTo(3);
    }
}
