package io.tarn.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Starts the servers under test, each in a fresh directory and a JVM of its own, with the same JVM
 * options: Tarn from its packaged jar, as the README starts it, and the {@link BaselineServer} from
 * this JVM's class path. Remembers what runs so that {@link #stopAll} (also from a shutdown hook)
 * leaves no process or data behind. Thread-safe.
 */
final class ServerLauncher {
    static final String BUCKET = "bench";
    private static final Pattern ACCESS_KEY = Pattern.compile("Access key id: +(\\S+)");
    private static final Pattern SECRET_KEY = Pattern.compile("Secret key: +(\\S{40})");
    private static final Pattern MAX_HEAP = Pattern.compile("\\bMaxHeapSize\\s*=\\s*(\\d+)");

    private final GatewaySettings settings;
    private final List<ServerUnderTest> running = Collections.synchronizedList(new ArrayList<>());

    /** A running server, the client that talks to it, and the directory it keeps its data and log in. */
    record ServerUnderTest(String name, ServerProcess process, SignedS3Client client, Path workDir) {
    }

    ServerLauncher(GatewaySettings settings) {
        this.settings = settings;
    }

    /** Tarn on a fresh data directory, with bucket {@value #BUCKET} created. */
    ServerUnderTest tarn(String name) throws IOException {
        Path work = settings.dir().resolve(name);
        List<String> command = java();
        command.addAll(List.of("-jar", settings.tarnJar().toString(), "run", "--address", "127.0.0.1", "--port", "0",
                "--data-dir", work.resolve("data").toString()));
        ServerProcess process = ServerProcess.start(name, command, work);
        ServerUnderTest server;
        try {
            String accessKey = process.fromBanner(ACCESS_KEY).orElseThrow(() -> new IllegalStateException("Cannot find the access key in "
                    + name + "'s banner"));
            String secretKey = process.fromBanner(SECRET_KEY).orElseThrow(() -> new IllegalStateException("Cannot find the secret key in "
                    + name + "'s banner (it is printed on first start only; is " + work + " fresh?)"));
            server = new ServerUnderTest(name, process, new SignedS3Client(process.endpoint(), new SigV4Signer(accessKey, secretKey)), work);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        running.add(server);
        server.client().createBucket(BUCKET);
        return server;
    }

    /** The bare Jetty handler, storing files in a fresh directory. */
    ServerUnderTest baseline(String name) throws IOException {
        Path work = settings.dir().resolve(name);
        List<String> command = java();
        command.addAll(List.of("-cp", absoluteClassPath(), BaselineServer.class.getName(), work.resolve("files").toString()));
        ServerProcess process = ServerProcess.start(name, command, work);
        // The baseline ignores the signature, but gets one: the client does the same work for both servers.
        ServerUnderTest server = new ServerUnderTest(name, process, new SignedS3Client(process.endpoint(), new SigV4Signer("AKBASELINE", "baseline")),
                work);
        running.add(server);
        return server;
    }

    /** Stops the server and deletes its directory; only the first call for a server does anything. */
    void stop(ServerUnderTest server) {
        if (!running.remove(server)) {
            return; // stopped already, or being stopped by the shutdown hook
        }
        server.client().close();
        server.process().close();
        try {
            deleteRecursively(server.workDir());
        } catch (IOException e) {
            System.err.println("[gateway-bench] cannot delete " + server.workDir() + ": " + e.getMessage());
        }
    }

    /** Stops whatever still runs; safe to call twice, and from a shutdown hook. */
    void stopAll() {
        for (ServerUnderTest server : List.copyOf(running)) {
            stop(server);
        }
    }

    /** The heap limit the server JVMs get with these options on this machine (without -Xmx: a quarter of the RAM). */
    long serverMaxHeapBytes() throws IOException, InterruptedException {
        List<String> command = java();
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String flags = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = MAX_HEAP.matcher(flags);
        if (!m.find()) {
            throw new IllegalStateException("Cannot find MaxHeapSize in the output of " + String.join(" ", command));
        }
        return Long.parseLong(m.group(1));
    }

    private List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.serverJvmArgs());
        return command;
    }

    /** This JVM's class path with every entry absolute: the baseline runs in another directory. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
