package io.tarn.blockstore.gcs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * fake-gcs-server (github.com/fsouza/fake-gcs-server), the GCS emulator, run as a child process on
 * 127.0.0.1 at a free port with an in-memory backend. Register it as a static JUnit extension
 * ({@code @RegisterExtension static final FakeGcsServer GCS = new FakeGcsServer("bucket")}) to have
 * it started before a class's tests and stopped after them (after the class's own {@code @AfterAll}),
 * or call {@link #start()} and {@link #close()} yourself. Shipped in this module's test-jar so that
 * other modules' tests can start it too.
 *
 * <p>Clients reach it through {@link MethodOverrideProxy} at {@link #endpoint()}, which turns
 * {@code POST} with {@code X-HTTP-Method-Override} into the method named, as GCS does: the Java
 * client sends GETs with URLs over 2,048 characters that way, and the emulator ignores the header.
 *
 * <p>The binary is found at the system property {@value #BINARY_PROPERTY}, the environment variable
 * {@value #BINARY_ENV}, {@code $GOPATH/bin} or {@code ~/go/bin} (where {@code go install} puts it,
 * as {@code .ci/run} does), or on the {@code PATH}. When it is missing the tests are skipped with a
 * message saying how to install it, except under {@code CI=true}, where a missing emulator fails.
 */
public final class FakeGcsServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String BINARY_PROPERTY = "tarn.fake-gcs-server";
    public static final String BINARY_ENV = "FAKE_GCS_SERVER";
    /** The version .ci/run installs. */
    public static final String VERSION = "v1.56.1";
    public static final String PROJECT = "tarn-test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private final List<String> buckets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private MethodOverrideProxy proxy;
    private Path log;
    private int port;
    private int emulatorPort;

    /** An emulator that holds the given (empty) buckets once started. */
    public FakeGcsServer(String... buckets) {
        this.buckets = List.of(buckets);
    }

    /** The emulator's binary, if it can be found. */
    public static Optional<Path> binary() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty(BINARY_PROPERTY)).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv(BINARY_ENV)).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("GOPATH")).filter(s -> !s.isBlank())
                .ifPresent(gopath -> candidates.add(Path.of(gopath.split(java.io.File.pathSeparator)[0], "bin", "fake-gcs-server")));
        candidates.add(Path.of(System.getProperty("user.home"), "go", "bin", "fake-gcs-server"));
        Optional.ofNullable(System.getenv("PATH")).ifPresent(path -> {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "fake-gcs-server"));
                }
            }
        });
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Skips the calling test (or class) when the binary is missing, or fails it under {@code CI=true}.
     */
    public static Path requireBinary() {
        return requireBinary(binary(), System.getenv("CI"));
    }

    /** {@link #requireBinary()} for a given search result and value of {@code CI}. */
    static Path requireBinary(Optional<Path> binary, String ci) {
        if (binary.isEmpty()) {
            String message = "fake-gcs-server is not installed: run `go install github.com/fsouza/fake-gcs-server@" + VERSION
                    + "` (it lands in $(go env GOPATH)/bin), or point -D" + BINARY_PROPERTY + " or " + BINARY_ENV + " at the binary";
            if ("true".equalsIgnoreCase(ci)) {
                fail("CI=true but " + message);
            }
            Assumptions.abort(message);
        }
        return binary.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the emulator and creates the buckets; returns once it answers. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null) {
            return;
        }
        Path binary = requireBinary();
        port = freePort();
        emulatorPort = freePort();
        log = Files.createTempFile("fake-gcs-server-", ".log");
        // Upload URLs it hands out point at the proxy; the Host it sees is its own address.
        process = new ProcessBuilder(binary.toString(), "-scheme", "http", "-host", "127.0.0.1", "-port", Integer.toString(emulatorPort),
                "-backend", "memory", "-external-url", endpoint(), "-public-host", "127.0.0.1:" + emulatorPort, "-log-level", "warn")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        proxy = new MethodOverrideProxy(port, URI.create("http://127.0.0.1:" + emulatorPort));
        awaitHealthy();
        for (String bucket : buckets) {
            createBucket(bucket);
        }
    }

    /** Creates an empty bucket. */
    public void createBucket(String bucket) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/storage/v1/b?project=" + PROJECT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + bucket + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Cannot create bucket '" + bucket + "' in fake-gcs-server: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** The emulator's base URL (through the proxy), for {@code blockstore.gcs.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the emulator; everything it held is gone. */
    @Override
    public synchronized void close() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Cannot start fake-gcs-server: it exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/_internal/healthcheck"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        close();
        throw new IOException("Cannot start fake-gcs-server: no answer on " + endpoint() + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
