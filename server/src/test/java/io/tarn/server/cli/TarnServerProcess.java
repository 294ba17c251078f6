package io.tarn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server ({@code server/target/tarn.jar run}) as its own process, on a free loopback
 * port, with the admin keys it prints on first start.
 */
final class TarnServerProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "tarn.jar").toAbsolutePath();
    private static final Pattern ENDPOINT = Pattern.compile("Endpoint: +(http://\\S+)");
    private static final Pattern KEY_ID = Pattern.compile("Access key id: +(\\S+)");
    private static final Pattern SECRET = Pattern.compile("Secret key: +(\\S{40})");
    private static final Pattern HTTPS = Pattern.compile("HTTPS endpoint: +(https://\\S+)");
    private static final Pattern CA_FILE = Pattern.compile("CA file: +(\\S+)");

    private final Process process;
    final URI endpoint;
    final String accessKeyId;
    final String secretAccessKey;
    /** With {@code --tls-port}: the HTTPS endpoint and the self-signed certificate's PEM, else {@code null}. */
    final URI httpsEndpoint;
    final Path caFile;

    private TarnServerProcess(Process process, URI endpoint, String accessKeyId, String secretAccessKey, URI httpsEndpoint, Path caFile) {
        this.process = process;
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.httpsEndpoint = httpsEndpoint;
        this.caFile = caFile;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static TarnServerProcess start(Path directory, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString(), "run", "--port", "0", "--data-dir", "data"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(directory.resolve("server-stderr.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TARN_"));
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder banner = new StringBuilder();
        String endpoint = null;
        String keyId = null;
        String secret = null;
        String https = null;
        String ca = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            banner.append(line).append('\n');
            endpoint = find(ENDPOINT, line, endpoint);
            keyId = find(KEY_ID, line, keyId);
            secret = find(SECRET, line, secret);
            https = find(HTTPS, line, https);
            ca = find(CA_FILE, line, ca);
            if (line.startsWith("Stop with")) {
                break;
            }
        }
        assertThat(endpoint != null && keyId != null && secret != null)
                .as("server banner with endpoint and keys:\n%s\nstderr:\n%s", banner, Files.readString(directory.resolve("server-stderr.log")))
                .isTrue();
        return new TarnServerProcess(process, URI.create(endpoint), keyId, secret, https == null ? null : URI.create(https),
                ca == null ? null : directory.resolve(ca));
    }

    private static String find(Pattern pattern, String line, String current) {
        Matcher m = pattern.matcher(line);
        return m.find() ? m.group(1) : current;
    }

    /** A client config file (~/.tarn.yaml) for this server, with these keys. */
    String configYaml(String keyId, String secret) {
        return "server:\n  endpoint_url: " + endpoint + "\ncredentials:\n  access_key_id: " + keyId + "\n  secret_access_key: \"" + secret + "\"\n";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
