package io.tarn.blockstore.s3;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code moto_server} (Python's moto, {@code pip install "moto[server]"}) for tests: started on
 * 127.0.0.1 at a free port, waited for, and stopped by {@link #close()}. Its S3 API takes any
 * credentials (moto checks no signatures unless told to).
 *
 * <p>{@link Mode#THREADED} is moto_server as its command line starts it, a thread per request.
 * {@link Mode#SERIALIZED} serves one request at a time (the same moto application under werkzeug's
 * single-threaded server): moto checks {@code If-None-Match}/{@code If-Match} and then writes in two
 * steps, so only serialized requests make its conditional writes atomic, as S3's are.
 *
 * <p>Shipped in blockstore-s3's test-jar so that other modules' tests start moto the same way.
 */
public final class MotoServer implements AutoCloseable {
    /** How moto serves requests. */
    public enum Mode { THREADED, SERIALIZED }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String SERIALIZED_SERVER = String.join("\n",
            "import sys",
            "from werkzeug.serving import run_simple",
            "from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app",
            "run_simple('127.0.0.1', int(sys.argv[1]), DomainDispatcherApplication(create_backend_app), threaded=False)");

    private final Process process;
    private final int port;
    private final Path log;

    private final Thread stopOnExit;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        // A test JVM that dies without closing must not leave moto running.
        this.stopOnExit = new Thread(process::destroyForcibly, "stop-moto-" + port);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts moto and waits until it answers.
     *
     * @throws IllegalStateException with moto's output when it does not start (is moto[server] installed?)
     */
    public static MotoServer start(Mode mode) throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createTempFile("moto-server-", ".log");
        List<String> command = mode == Mode.THREADED
                ? List.of(python(), "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                : List.of(python(), "-c", SERIALIZED_SERVER, Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("INITIAL_NO_AUTH_ACTION_COUNT");
        MotoServer moto = new MotoServer(builder.start(), port, log);
        moto.awaitReady();
        return moto;
    }

    /** The S3 endpoint, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Creates a bucket (moto takes an unsigned request). */
    public void createBucket(String bucket) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoint().resolve("/" + bucket)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Cannot create bucket '" + bucket + "' in moto: " + response.statusCode() + " " + response.body());
        }
    }

    /** Stops moto and waits for it to exit. */
    @Override
    public void close() throws InterruptedException, IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway.
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + " (is moto[server] installed? "
                        + "pip install -r tests/requirements.txt):\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not listen on " + endpoint() + " within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String python() {
        return System.getenv().getOrDefault("TARN_TEST_PYTHON", "python3");
    }
}
