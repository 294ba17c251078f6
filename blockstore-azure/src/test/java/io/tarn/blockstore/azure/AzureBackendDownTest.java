package io.tarn.blockstore.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backend that goes away: requests fail, after the configured retries, with a
 * {@link BlockStoreException} naming the backend, account, container and key, and no later than the
 * configured timeout per try allows.
 */
class AzureBackendDownTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int RETRIES = 2;
    private static final Duration RETRY_DELAY = Duration.ofMillis(100);
    @RegisterExtension
    static final Azurite AZURITE = new Azurite();

    private static AzureBlockStore open(String endpoint) {
        Map<String, String> properties = new HashMap<>(AZURITE.properties());
        properties.put("endpoint", endpoint);
        properties.put("timeout", TIMEOUT.toMillis() + "ms");
        properties.put("max-retries", Integer.toString(RETRIES));
        properties.put("retry-delay", RETRY_DELAY.toMillis() + "ms");
        return AzureBlockStore.open(AzureBlockStoreConfig.from(new BlockStoreConfig("azure", properties)));
    }

    /** The longest all tries may take: each try's timeout, the doubling delays between them, and a margin for a loaded machine. */
    private static Duration deadline() {
        return TIMEOUT.multipliedBy(RETRIES + 1L).plus(RETRY_DELAY.multipliedBy((1L << RETRIES) * 2)).plusSeconds(10);
    }

    @Test
    @DisplayName("after Azurite stops, a read fails with a BlockStoreException naming azure, account, container, key and the refused connection")
    void stoppedEmulator() {
        AZURITE.createContainer("down");
        Location location = Location.of("az://" + Azurite.ACCOUNT + "/down/some/key");
        try (AzureBlockStore store = open(AZURITE.endpoint().toString())) {
            store.put(location, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.DEFAULT);
            assertThat(store.stat(location).size()).isEqualTo(3);

            AZURITE.stop();
            long start = System.nanoTime();

            assertThatThrownBy(() -> store.stat(location))
                    .isExactlyInstanceOf(BlockStoreException.class)
                    .hasMessageStartingWith("Cannot stat '" + location + "'")
                    .hasMessageContaining("azure account '" + Azurite.ACCOUNT + "', container 'down', key 'some/key'")
                    .hasMessageContaining("Connect");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline());
        }
    }

    @Test
    @DisplayName("a backend that accepts connections and never answers is tried 1 + max-retries times, each cut at the timeout")
    void hungBackend() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        Socket socket = silent.accept();
                        connections.incrementAndGet();
                        synchronized (held) {
                            held.add(socket);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-backend");
            acceptor.start();
            Location location = Location.of("az://" + Azurite.ACCOUNT + "/hung/key");
            try (AzureBlockStore store = open("http://127.0.0.1:" + silent.getLocalPort() + "/" + Azurite.ACCOUNT)) {
                long start = System.nanoTime();

                assertThatThrownBy(() -> store.stat(location))
                        .isExactlyInstanceOf(BlockStoreException.class)
                        .hasMessageContaining("azure account '" + Azurite.ACCOUNT + "', container 'hung', key 'key'");

                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline());
                assertThat(connections.get()).as("connections: the first try and each retry").isEqualTo(RETRIES + 1);
            } finally {
                synchronized (held) {
                    for (Socket socket : held) {
                        socket.close();
                    }
                }
            }
        }
    }
}
