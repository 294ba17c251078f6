package io.tarn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarnServerTest {
    @TempDir
    Path dir;

    private TarnConfig config(Map<String, String> flags) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("listen.port", "0"));
        all.putAll(flags);
        return ConfigLoader.load(null, dir, Map.of(), all);
    }

    @Test
    void startsOnLoopbackAndAnswersHealth() throws Exception {
        try (TarnServer server = TarnServer.start(config(Map.of()), Map.of())) {
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.endpoint().resolve("/_health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"ok\"").contains("\"metadata\":\"ok\"");
        }
        assertThat(dir.resolve("data/meta")).isDirectory();
        assertThat(dir.resolve("data/blocks")).isDirectory();
    }

    @Test
    void unsignedRequestsToTheS3GatewayAreDeniedInS3Xml() throws Exception {
        try (TarnServer server = TarnServer.start(config(Map.of()), Map.of())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.endpoint().resolve("/nothing/here")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("<Code>AccessDenied</Code>").contains("<RequestId>");
        }
    }

    @Test
    void firstStartCreatesAdminKeyAndLaterStartsKeepItWithoutTheSecret() {
        AdminCredentials first;
        try (TarnServer server = TarnServer.start(config(Map.of()), Map.of())) {
            first = server.credentials();
        }
        assertThat(first.createdNow()).isTrue();
        assertThat(first.accessKeyId()).matches("AKTARN[A-Z2-7]{14}");
        assertThat(first.secretAccessKey()).hasSize(40);
        try (TarnServer server = TarnServer.start(config(Map.of()), Map.of())) {
            AdminCredentials again = server.credentials();
            assertThat(again.createdNow()).isFalse();
            assertThat(again.accessKeyId()).isEqualTo(first.accessKeyId());
            assertThat(again.secretAccessKey()).isEqualTo(first.secretAccessKey());
        }
    }

    @Test
    void credentialsNeverShowTheSecretInToString() {
        AdminCredentials keys = new AdminCredentials("AKTARNABCDEFGHIJKLMN", "s3cr3t-value", true);
        assertThat(keys.toString()).doesNotContain("s3cr3t-value").contains("AKTARNABCDEFGHIJKLMN");
    }

    @Test
    void portInUseStopsStartWithOneLineNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> TarnServer.start(config(Map.of("listen.port", Integer.toString(port))), Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + port + ": the address is in use")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        // Nothing was left open: the same data directory starts again at once.
        try (TarnServer server = TarnServer.start(config(Map.of()), Map.of())) {
            assertThat(server.endpoint().getPort()).isPositive();
        }
    }

    @Test
    void theBannerNamesTheVirtualHostDomainsAndTheUpstream() {
        Map<String, String> routing = Map.of("s3.domain", "s3.example.com,localhost", "upstream.endpoint", "http://127.0.0.1:9",
                "upstream.access_key_id", "UPKEY", "upstream.secret_access_key", "up-secret");
        try (TarnServer server = TarnServer.start(config(routing), Map.of())) {
            java.io.StringWriter text = new java.io.StringWriter();
            RunCommand.printBanner(new java.io.PrintWriter(text), server);
            assertThat(text.toString()).contains("  Virtual hosts:  <bucket>.s3.example.com\n")
                    .contains("  Virtual hosts:  <bucket>.localhost\n")
                    .contains("  Upstream S3:    http://127.0.0.1:9 ")
                    .doesNotContain("up-secret");
        }
    }

    @Test
    void dataDirectoryThatIsAFileStopsStart() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");
        assertThatThrownBy(() -> TarnServer.start(config(Map.of()), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Cannot use data directory " + file + ": it exists and is not a directory");
    }

    @Test
    void dataDirectoryThatCannotBeCreatedStopsStart() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file where a directory must go");
        assertThatThrownBy(() -> TarnServer.start(config(Map.of("data.dir", "blocker/data")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot use data directory " + dir.resolve("blocker/data") + ": it is not writable");
    }

    @Test
    void aSettingForABlockstoreTypeNoPluginHasStopsStartNamingItAndThePluginsFound() {
        assertThatThrownBy(() -> TarnServer.start(config(Map.of("blockstore.ftp.host", "example")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'ftp'").hasMessageContaining("local").hasMessageContaining("s3");
    }

    @Test
    void aBadSettingOfAConfiguredPluginStopsStartNamingIt() {
        assertThatThrownBy(() -> TarnServer.start(config(Map.of()), Map.of("TARN_BLOCKSTORE_S3_MAX_RETRIES", "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3").hasMessageContaining("max-retries");
    }

    @Test
    void theLocalPresignedUrlEndpointRunsWithTheServerWhenConfigured() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/");
        HttpClient client = HttpClient.newHttpClient();
        try (TarnServer server = TarnServer.start(config(Map.of("blockstore.local.presign-listen", "127.0.0.1:" + port)), Map.of())) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("presigned object URLs");
            assertThat(server.endpoint().getPort()).as("the S3 and REST port").isNotEqualTo(port);
        }
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aBadLocalPresignListenFromTheEnvironmentStopsStartNamingIt() {
        assertThatThrownBy(() -> TarnServer.start(config(Map.of()), Map.of("TARN_BLOCKSTORE_LOCAL_PRESIGN_LISTEN", "nowhere")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("blockstore.local.presign-listen 'nowhere'");
    }

    @Test
    void aNamespaceNoPluginServesIsRefusedNamingTheSchemeAndThePlugins() {
        try (TarnServer server = TarnServer.start(config(Map.of()), Map.of())) {
            assertThatThrownBy(() -> server.engine().createRepository(new io.tarn.api.RepositoryName("nowhere"), "ftp://host/x",
                    new io.tarn.api.BranchName("main")))
                    .isInstanceOf(io.tarn.api.InvalidArgumentException.class)
                    .hasMessageContaining("ftp").hasMessageContaining("s3");
        }
    }

    @Test
    void aPluginsDirectoryThatIsAFileStopsStartNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("plugins.jar"), "not a directory");
        assertThatThrownBy(() -> TarnServer.start(config(Map.of("plugins.dir", file.toString())), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Cannot use plugins directory " + file + ": it is not a directory");
    }
}
