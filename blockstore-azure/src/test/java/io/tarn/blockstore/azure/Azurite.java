package io.tarn.blockstore.azure;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import io.tarn.blockstore.spi.BlockStoreConfig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Azurite's blob service as a JUnit extension: started before a test class's {@code @BeforeAll}
 * methods on 127.0.0.1 at a free port, with a temporary workspace and telemetry off, and stopped
 * after its {@code @AfterAll} methods. Register it with
 * {@code @RegisterExtension static final Azurite AZURITE = new Azurite();}. Shipped in this module's
 * test-jar so other modules' tests start the emulator the same way.
 *
 * <p>Azurite is the npm package pinned in {@code blockstore-azure/package.json}
 * ({@code npm ci --prefix blockstore-azure}, which {@code .ci/run} does). It is found, in order, at
 * the path in system property {@code tarn.azurite} or environment variable {@code TARN_AZURITE},
 * in {@code blockstore-azure/node_modules/.bin/azurite-blob} or {@code node_modules/.bin/azurite-blob}
 * below the working directory or any of its parents, or as {@code azurite-blob} on the {@code PATH}.
 * When it is not found the test class is skipped saying so, unless the environment variable
 * {@code CI} is set (and not {@code false}): then it fails.
 */
public final class Azurite implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
    /** Azurite's built-in account. */
    public static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's built-in account key: public, the same in every installation (Azurite's documentation). */
    public static final String ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final String EXECUTABLE = "azurite-blob";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String NOT_INSTALLED = "Azurite is not installed: run 'npm ci --prefix blockstore-azure' (or set TARN_AZURITE to an azurite-blob executable)";
    private Process process;
    private Path workspace;
    private int port;

    /** Skips the test class, saying why, when Azurite is missing and CI is not set (under CI {@link #start} fails instead). */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (find().isEmpty() && !underCi()) {
            return ConditionEvaluationResult.disabled(NOT_INSTALLED);
        }
        return ConditionEvaluationResult.enabled("Azurite is installed, or CI requires it");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /**
     * Starts the blob service and waits until it accepts connections. Skips the calling test (or
     * fails it under CI) when Azurite is not installed.
     */
    public synchronized void start() {
        if (process != null) {
            return;
        }
        Optional<Path> executable = find();
        if (executable.isEmpty()) {
            if (underCi()) {
                throw new IllegalStateException(NOT_INSTALLED + "; CI is set, so the Azure tests cannot be skipped");
            }
            assumeTrue(false, NOT_INSTALLED);
        }
        try {
            workspace = Files.createTempDirectory("tarn-azurite");
            port = freePort();
            // Strict mode (no --loose), so the plugin sends nothing Azurite does not implement; the API
            // version check is skipped because the SDK speaks 2026-10-06 and Azurite 3.37 knows 2026-06-06.
            List<String> command = new ArrayList<>(List.of(executable.get().toString(),
                    "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port), "--location", workspace.toString(),
                    "--disableTelemetry", "--skipApiVersionCheck", "--silent"));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workspace.resolve("azurite.log").toFile())
                    .start();
            // A test JVM that dies without running afterAll must not leave the emulator behind.
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "azurite-stop"));
            awaitListening();
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Cannot start Azurite from " + executable.get(), e);
        }
    }

    /** Stops the blob service and removes its workspace; the store's requests fail from then on. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (workspace != null) {
            try (Stream<Path> files = Files.walk(workspace)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // A temporary directory: the system cleans what is left.
            }
            workspace = null;
        }
    }

    /** The blob endpoint, for example {@code http://127.0.0.1:41234/devstoreaccount1}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT);
    }

    /** The {@code blockstore.azure.*} properties of a store over this Azurite, without the prefix. */
    public Map<String, String> properties() {
        return Map.of("account-name", ACCOUNT, "account-key", ACCOUNT_KEY, "endpoint", endpoint().toString(),
                "timeout", "30s", "max-retries", "2", "retry-delay", "200ms");
    }

    /** A store configuration over this Azurite, with the account key. */
    public AzureBlockStoreConfig config() {
        return AzureBlockStoreConfig.from(new BlockStoreConfig("azure", properties()));
    }

    /** Creates a container, if it does not exist yet. */
    public void createContainer(String name) {
        serviceClient().getBlobContainerClient(name).createIfNotExists();
    }

    /** An account SAS token for the blob service (all permissions on containers and objects), valid for an hour. */
    public String accountSasToken() {
        return serviceClient().generateAccountSas(new AccountSasSignatureValues(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1),
                AccountSasPermission.parse("rwdlacup"), AccountSasService.parse("b"), AccountSasResourceType.parse("sco")));
    }

    /** An SDK client with the account key, for setting things up around the store under test. */
    public BlobServiceClient serviceClient() {
        return new BlobServiceClientBuilder()
                .endpoint(endpoint().toString())
                .credential(new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY))
                .httpClient(new JdkHttpClientBuilder().build())
                .buildClient();
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Azurite exited with status " + process.exitValue() + " before listening: " + logTail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while waiting for Azurite", e);
                }
            }
        }
        throw new IOException("Azurite did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT + ": " + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(workspace.resolve("azurite.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static Optional<Path> find() {
        String configured = System.getProperty("tarn.azurite", System.getenv("TARN_AZURITE"));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("blockstore-azure/node_modules/.bin").resolve(EXECUTABLE), dir.resolve("node_modules/.bin").resolve(EXECUTABLE))) {
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, EXECUTABLE);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
