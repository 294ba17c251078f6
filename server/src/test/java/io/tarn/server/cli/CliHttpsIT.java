package io.tarn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over HTTPS, against the packaged server's self-signed certificate (tls.port). */
class CliHttpsIT {
    @TempDir
    static Path serverDir;
    private static TarnServerProcess server;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer() throws IOException {
        server = TarnServerProcess.start(serverDir, "--tls-port", "0");
        assertThat(server.httpsEndpoint).as("HTTPS endpoint in the banner").isNotNull();
        assertThat(server.caFile).as("CA file in the banner").isRegularFile();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    private Path config(boolean withCa) throws IOException {
        String yaml = "server:\n  endpoint_url: " + server.httpsEndpoint + "\n" + (withCa ? "  ca_file: " + server.caFile + "\n" : "")
                + "credentials:\n  access_key_id: " + server.accessKeyId + "\n  secret_access_key: \"" + server.secretAccessKey + "\"\n";
        return Files.writeString(work.resolve(withCa ? "with-ca.yaml" : "without-ca.yaml"), yaml);
    }

    @Test
    void theServersCaFileMakesHttpsWork() throws IOException {
        Path config = config(true);
        CliCommandsIT.tarn(config, "repo", "create", "lakefs://over-tls", "local://over-tls").ok();
        Path file = Files.writeString(work.resolve("a.txt"), "over TLS");
        CliCommandsIT.tarn(config, "fs", "upload", "lakefs://over-tls/main/a.txt", "-s", file.toString()).ok();
        Path back = work.resolve("back.txt");
        CliCommandsIT.tarn(config, "fs", "download", "lakefs://over-tls/main/a.txt", back.toString()).ok();
        assertThat(back).hasContent("over TLS");
    }

    @Test
    void withoutTheCaFileTheUntrustedCertificateIsNamed() throws IOException {
        CliRun run = CliCommandsIT.tarn(config(false), "repo", "list");
        assertThat(run.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(run.err()).startsWith("tarn: Cannot talk to the Tarn server at " + server.httpsEndpoint + " over TLS: ")
                .contains("set server.ca_file").hasLineCount(1);
    }
}
