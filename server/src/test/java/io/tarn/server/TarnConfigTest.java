package io.tarn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.gateway.s3.upstream.UpstreamConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing settings: virtual-host domains ({@code s3.domain}) and the upstream S3 ({@code upstream.*}). */
class TarnConfigTest {
    static final Map<String, String> UPSTREAM = Map.of("TARN_UPSTREAM_ENDPOINT", "http://127.0.0.1:9000",
            "TARN_UPSTREAM_ACCESS_KEY_ID", "UPKEY", "TARN_UPSTREAM_SECRET_ACCESS_KEY", "up-secret");

    @TempDir
    Path dir;

    private TarnConfig fromEnvironment(Map<String, String> environment) {
        return ConfigLoader.load(null, dir, environment, Map.of());
    }

    private static Map<String, String> upstreamWith(String name, String value) {
        Map<String, String> environment = new HashMap<>(UPSTREAM);
        environment.put(name, value);
        return environment;
    }

    @Test
    void byDefaultThereAreNoVirtualHostsAndNoUpstream() {
        TarnConfig config = fromEnvironment(Map.of());

        assertThat(config.virtualHosts().domains()).isEmpty();
        assertThat(config.upstream()).isEmpty();
    }

    @Test
    void domainsAreACommaSeparatedList() {
        TarnConfig config = fromEnvironment(Map.of("TARN_S3_DOMAIN", "s3.example.com, localhost"));

        assertThat(config.virtualHosts().domains()).containsExactly("s3.example.com", "localhost");
        assertThat(config.virtualHosts().bucket("my-repo.localhost:8000")).contains("my-repo");
    }

    @Test
    void aDomainThatIsNotAHostNameIsRefusedNamingIt() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("TARN_S3_DOMAIN", "s3.example.com,https://bad")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid s3.domain 's3.example.com,https://bad': cannot use 'https://bad' (expected a host name such as"
                        + " s3.example.com, without scheme, port or wildcard); expected host names separated by commas");
        assertThatThrownBy(() -> fromEnvironment(Map.of("TARN_S3_DOMAIN", "a.com,,b.com")))
                .hasMessageStartingWith("Invalid s3.domain 'a.com,,b.com': cannot use '' (it is empty)");
    }

    @Test
    void theUpstreamComesFromTheEnvironmentWithTheDefaultRegion() {
        UpstreamConfig upstream = fromEnvironment(UPSTREAM).upstream().orElseThrow();

        assertThat(upstream.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(upstream.region()).isEqualTo("us-east-1");
        assertThat(upstream.accessKeyId()).isEqualTo("UPKEY");
        assertThat(upstream.secretAccessKey()).isEqualTo("up-secret");
    }

    @Test
    void theUpstreamReadsFromANestedYamlFile() throws IOException {
        Files.writeString(dir.resolve("tarn.yaml"), "upstream:\n  endpoint: https://s3.eu-west-3.amazonaws.com\n"
                + "  region: eu-west-3\n  access_key_id: AKIA\n  secret_access_key: shh\ns3:\n  domain: s3.example.com\n");

        TarnConfig config = fromEnvironment(Map.of());

        assertThat(config.upstream().orElseThrow().region()).isEqualTo("eu-west-3");
        assertThat(config.virtualHosts().domains()).containsExactly("s3.example.com");
    }

    @Test
    void aBadEndpointIsRefusedNamingKeyAndValue() {
        assertThatThrownBy(() -> fromEnvironment(upstreamWith("TARN_UPSTREAM_ENDPOINT", "s3.amazonaws.com")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid upstream.endpoint 's3.amazonaws.com': expected an http:// or https:// URL");
        assertThatThrownBy(() -> fromEnvironment(upstreamWith("TARN_UPSTREAM_ENDPOINT", "http://minio:9000/bucket")))
                .hasMessageStartingWith("Invalid upstream.endpoint 'http://minio:9000/bucket': a path is not allowed");
        assertThatThrownBy(() -> fromEnvironment(upstreamWith("TARN_UPSTREAM_ENDPOINT", "http://bad host")))
                .hasMessageStartingWith("Invalid upstream.endpoint 'http://bad host': Illegal character in authority");
    }

    @Test
    void aBadRegionIsRefusedNamingIt() {
        assertThatThrownBy(() -> fromEnvironment(upstreamWith("TARN_UPSTREAM_REGION", "EU West")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid upstream.region 'EU West': expected a region name such as us-east-1");
    }

    @Test
    void anEndpointNeedsBothKeysAndKeysNeedAnEndpoint() {
        Map<String, String> noSecret = new HashMap<>(UPSTREAM);
        noSecret.remove("TARN_UPSTREAM_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> fromEnvironment(noSecret))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid upstream settings: upstream.endpoint is set but upstream.secret_access_key is not");
        assertThatThrownBy(() -> fromEnvironment(Map.of("TARN_UPSTREAM_ACCESS_KEY_ID", "UPKEY")))
                .hasMessage("Invalid upstream settings: upstream.access_key_id is set but upstream.endpoint is not");
    }

    @Test
    void secretsNeverShowInToString() {
        TarnConfig config = fromEnvironment(UPSTREAM);

        assertThat(config.toString()).contains("UPKEY").doesNotContain("up-secret");
        assertThat(config.upstream().orElseThrow().toString()).doesNotContain("up-secret");
    }

    @Test
    void pluginSecretsNeverShowInToString() throws Exception {
        Path file = Files.writeString(dir.resolve("tarn.properties"), String.join("\n", "blockstore.s3.secret-access-key=s3-secret-value",
                "blockstore.azure.account-key=azure-key-value", "blockstore.local.presign-secret=presign-secret-value",
                "blockstore.s3.region=eu-west-1"));
        TarnConfig config = ConfigLoader.load(file, dir, Map.of(), Map.of());

        assertThat(config.toString()).contains("eu-west-1")
                .doesNotContain("s3-secret-value").doesNotContain("azure-key-value").doesNotContain("presign-secret-value");
    }

    @Test
    void everyRoutingKeyHasItsEnvironmentVariable() {
        assertThat(List.of(TarnConfig.S3_DOMAIN, TarnConfig.UPSTREAM_ENDPOINT, TarnConfig.UPSTREAM_REGION,
                TarnConfig.UPSTREAM_ACCESS_KEY_ID, TarnConfig.UPSTREAM_SECRET_ACCESS_KEY).stream().map(ConfigLoader::envName))
                .containsExactly("TARN_S3_DOMAIN", "TARN_UPSTREAM_ENDPOINT", "TARN_UPSTREAM_REGION", "TARN_UPSTREAM_ACCESS_KEY_ID",
                        "TARN_UPSTREAM_SECRET_ACCESS_KEY");
    }

    @Test
    void theNamespacePrefixDefaultsToLocalAndABadOneIsRefusedNamingIt() {
        assertThat(ConfigLoader.load(null, Path.of("/w"), Map.of(), Map.of()).namespacePrefix()).isEqualTo("local://");
        TarnConfig onS3 = ConfigLoader.load(null, Path.of("/w"), Map.of("TARN_STORAGE_NAMESPACE_PREFIX", "s3://bucket/tarn/"), Map.of());
        assertThat(onS3.namespacePrefix()).isEqualTo("s3://bucket/tarn/");
        assertThat(onS3.namespacePrefixType()).isEqualTo("s3");
        assertThatThrownBy(() -> ConfigLoader.load(null, Path.of("/w"), Map.of("TARN_STORAGE_NAMESPACE_PREFIX", "bucket/tarn"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("storage.namespace_prefix").hasMessageContaining("'bucket/tarn'");
    }
}
