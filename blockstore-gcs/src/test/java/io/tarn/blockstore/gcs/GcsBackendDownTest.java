package io.tarn.blockstore.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
    @DisplayName("a backend that drops every connection is tried max-retries + 1 times, then reported naming gcs")
    void retriedThenReported() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket broken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!broken.isClosed()) {
                    try (Socket socket = broken.accept()) {
                        connections.incrementAndGet();
                        socket.setSoLinger(true, 0); // a reset, as from a crashing server
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (BlockStore store = open("http://127.0.0.1:" + broken.getLocalPort(), 2)) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> store.stat(Location.of("gs://" + BUCKET + "/x")))
                        .isExactlyInstanceOf(BlockStoreException.class)
                        .hasMessageContaining("on gcs (bucket '" + BUCKET + "', key 'x')");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
            }
        }
        assertThat(connections.get()).as("attempts: the first and 2 retries").isEqualTo(3);
    }
}
