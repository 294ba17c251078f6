package io.tarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged executable ({@code server/target/tarn.jar}) as a user would: {@code java -jar},
 * with no JVM flags of our own, so the manifest's Add-Opens for lmdbjava is what is tested.
 */
class TarnExecutableIT {
    private static final Path JAR = Path.of("target", "tarn.jar").toAbsolutePath();
    private static final Pattern ENDPOINT = Pattern.compile("Endpoint: +(http://\\S+)");

    @TempDir
    Path workDir;

    private ProcessBuilder tarn(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TARN_"));
        return builder;
    }

    /** Runs to completion: exit code, stdout, stderr. */
    private Result runToEnd(String... args) throws Exception {
        Process process = tarn(args).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tarn %s finished", List.of(args)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    private record Result(int exit, String out, String err) {
    }

    /** A started server: reads stdout until the banner's last line. */
    private record Running(Process process, URI endpoint, String banner) {
    }

    private Running start(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--port", "0"));
        args.addAll(List.of(extra));
        Process process = tarn(args.toArray(String[]::new)).redirectError(workDir.resolve("stderr.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder banner = new StringBuilder();
        URI endpoint = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            banner.append(line).append('\n');
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                endpoint = URI.create(m.group(1));
            }
            if (line.startsWith("Stop with")) {
                break;
            }
        }
        assertThat(endpoint).as("endpoint printed in:\n%s\nstderr:\n%s", banner, stderr()).isNotNull();
        return new Running(process, endpoint, banner.toString());
    }

    private String stderr() throws IOException {
        Path log = workDir.resolve("stderr.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private int stopWithSigterm(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM on Linux
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        return process.exitValue();
    }

    @Test
    void runStartsWithDefaultsAnswersHealthAndStopsCleanlyOnSigterm() throws Exception {
        Running server = start();
        try {
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.endpoint().resolve("/_health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"");
            assertThat(server.banner())
                    .containsPattern("Access key id: +AKTARN[A-Z2-7]{14}")
                    .containsPattern("Secret key: +\\S{40}")
                    .contains("import boto3", "endpoint_url=\"" + server.endpoint() + "\"");
        } finally {
            int exit = stopWithSigterm(server.process());
            assertThat(exit).as("exit code after SIGTERM (128 + 15)").isEqualTo(143);
        }
        assertThat(stderr()).contains("Tarn stopped").doesNotContain("Exception");
        assertThat(workDir.resolve("data/meta")).isDirectory();

        Running again = start();
        try {
            assertThat(again.banner()).contains("(shown at first start only)").doesNotContain("import boto3");
        } finally {
            stopWithSigterm(again.process());
        }
    }

    @Test
    void helpDocumentsCommandsAndConfiguration() throws Exception {
        Result top = runToEnd("--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("Usage: tarn", "run", "Start the Tarn server");
        Result run = runToEnd("run", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--port", "--data-dir", "--config", "TARN_LISTEN_PORT", "blockstore.<type>.*", "tarn.yaml");
    }

    @Test
    void malformedConfigFileStopsStartWithOneLine() throws Exception {
        Files.writeString(workDir.resolve("tarn.yaml"), "listen:\n  port: [8000\n");
        Result result = runToEnd("run");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("tarn: Invalid config file ").contains("tarn.yaml at line").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void portInUseStopsStartWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Result result = runToEnd("run", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err().strip()).isEqualTo("tarn: Cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the address is in use or not available here (choose another with --port / TARN_LISTEN_PORT or --address / TARN_LISTEN_ADDRESS)");
        }
    }

    @Test
    void unwritableDataDirectoryStopsStartWithOneLine() throws Exception {
        Files.writeString(workDir.resolve("occupied"), "a file");
        Result result = runToEnd("run", "--data-dir", "occupied");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("tarn: Cannot use data directory " + workDir.resolve("occupied").toRealPath() + ": it exists and is not a directory");
    }

    @Test
    void unknownCommandIsAUsageError() throws Exception {
        Result result = runToEnd("serve");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument", "serve");
    }
}
