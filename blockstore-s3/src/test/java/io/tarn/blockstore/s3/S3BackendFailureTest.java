package io.tarn.blockstore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A backend that is down, hangs or lacks the bucket: a BlockStoreException that says which backend, after retries. */
class S3BackendFailureTest {
    private static final int RETRIES = 2;

    private static S3BlockStore storeAt(URI endpoint, Duration timeout) {
        return S3BlockStore.open(new S3BlockStoreConfig(endpoint, "us-east-1", true, "test-key", "test-secret", timeout, RETRIES,
                S3BlockStoreConfig.MAX_PART_SIZE, S3BlockStoreConfig.DEFAULT_PART_SIZE));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("moto stopped: reads fail with a BlockStoreException naming s3, the endpoint, bucket and key, after the retries")
    void backendDown() throws Exception {
        Location location = Location.of("s3://down-bucket/repo/data/object");
        MotoServer moto = MotoServer.start(MotoServer.Mode.THREADED);
        URI endpoint = moto.endpoint();
        try (S3BlockStore store = storeAt(endpoint, Duration.ofSeconds(10))) {
            try {
                moto.createBucket("down-bucket");
                store.put(location, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.DEFAULT);
                assertThat(store.stat(location).size()).isEqualTo(3);
            } finally {
                moto.close();
            }

            assertThatThrownBy(() -> store.stat(location))
                    .isExactlyInstanceOf(BlockStoreException.class)
                    .hasMessageStartingWith("Cannot stat 's3://down-bucket/repo/data/object' on s3 (endpoint " + endpoint)
                    .hasMessageContaining("bucket 'down-bucket'")
                    .hasMessageContaining("key 'repo/data/object'")
                    .satisfies(e -> assertThat(attempts(e.getCause())).as("attempts made").isEqualTo(RETRIES + 1));
            assertThatThrownBy(() -> store.get(location)).isExactlyInstanceOf(BlockStoreException.class).hasMessageContaining("on s3 (endpoint");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("a backend that accepts connections and never answers fails the call within the configured timeout, naming it")
    void backendHangs() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = silent.accept();
                        connections.incrementAndGet();
                        synchronized (held) {
                            held.add(socket);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-backend");
            acceptor.setDaemon(true);
            acceptor.start();
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());

            try (S3BlockStore store = storeAt(endpoint, Duration.ofSeconds(2))) {
                assertThatThrownBy(() -> store.stat(Location.of("s3://hung-bucket/key")))
                        .isExactlyInstanceOf(BlockStoreException.class)
                        .hasMessageStartingWith("Cannot stat 's3://hung-bucket/key' on s3 (endpoint " + endpoint)
                        .hasMessageContaining("bucket 'hung-bucket'");
            }
        } finally {
            synchronized (held) {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
        assertThat(connections.get()).as("connections the client opened").isGreaterThanOrEqualTo(1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("a bucket that does not exist is a BlockStoreException that says so, not a missing object")
    void missingBucket() throws Exception {
        try (MotoServer moto = MotoServer.start(MotoServer.Mode.THREADED); S3BlockStore store = storeAt(moto.endpoint(), Duration.ofSeconds(10))) {
            Location location = Location.of("s3://no-such-bucket/key");

            assertThatThrownBy(() -> store.put(location, new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT))
                    .isExactlyInstanceOf(BlockStoreException.class)
                    .hasMessageContaining("bucket 'no-such-bucket'")
                    .hasMessageContaining("the bucket does not exist");
            assertThatThrownBy(() -> store.get(location)).isNotInstanceOf(ObjectNotFoundException.class).hasMessageContaining("the bucket does not exist");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("the call timeout bounds the call, not the reading: a reader slower than it still gets every byte")
    void slowReaderIsNotCutOff() throws Exception {
        byte[] data = io.tarn.blockstore.spi.DeterministicBytes.bytes(1, 3 << 20);
        Location location = Location.of("s3://slow-bucket/object");
        try (MotoServer moto = MotoServer.start(MotoServer.Mode.THREADED); S3BlockStore store = storeAt(moto.endpoint(), Duration.ofSeconds(1))) {
            moto.createBucket("slow-bucket");
            store.put(location, new ByteArrayInputStream(data), data.length, PutOptions.DEFAULT);

            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            try (java.io.InputStream in = store.get(location)) {
                byte[] buffer = new byte[1 << 20];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    read.write(buffer, 0, n);
                    Thread.sleep(700);
                }
            }

            assertThat(read.toByteArray()).isEqualTo(data);
        }
    }

    /** The SDK records each failed attempt before the last as a suppressed exception of the one it throws. */
    private static int attempts(Throwable sdkFailure) {
        return 1 + (int) java.util.Arrays.stream(sdkFailure.getSuppressed()).filter(s -> String.valueOf(s.getMessage()).startsWith("Request attempt")).count();
    }
}
