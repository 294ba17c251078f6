package io.tarn.blockstore.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import io.tarn.blockstore.spi.BlockStoreRegistry;
import io.tarn.blockstore.spi.Capability;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.SupportsPresignedUrls;
import io.tarn.blockstore.spi.UnsupportedCapabilityException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Discovery and configuration; no request reaches any service here. */
class GcsBlockStoreProviderTest {
    @TempDir
    Path temp;

    private static BlockStoreConfig config(String... pairs) {
        Map<String, String> properties = new HashMap<>(Map.of("project-id", "tarn-test", "anonymous", "true", "endpoint", "http://127.0.0.1:9"));
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put(pairs[i], pairs[i + 1]);
        }
        return new BlockStoreConfig("gcs", properties);
    }

    @Test
    @DisplayName("the registry finds the plugin through its services file and chooses it for gs://")
    void discoveredAndChosen() {
        BlockStoreRegistry registry = BlockStoreRegistry.discover(getClass().getClassLoader());

        assertThat(registry.types()).contains("gcs");
        assertThat(registry.typeFor(Location.of("gs://bucket/prefix/key"))).isEqualTo("gcs");
    }

    @Test
    @DisplayName("the registry opens a gcs store from blockstore.gcs.* properties")
    void openedThroughRegistry() {
        BlockStoreConfig config = BlockStoreConfig.from("gcs", Map.of("blockstore.gcs.project-id", "p", "blockstore.gcs.anonymous", "true",
                "blockstore.gcs.endpoint", "http://127.0.0.1:9"), Map.of());

        try (BlockStore store = BlockStoreRegistry.discover(getClass().getClassLoader()).open(config)) {
            assertThat(store).isInstanceOf(GcsBlockStore.class);
            assertThat(store.type()).isEqualTo("gcs");
        }
    }

    @Test
    @DisplayName("every key is read into the typed record, with defaults for the optional ones")
    void typedValues() {
        GcsBlockStoreConfig defaults = GcsBlockStoreConfig.from(config());
        GcsBlockStoreConfig set = GcsBlockStoreConfig.from(config("timeout", "1500ms", "max-retries", "0", "upload-chunk-size", "524288",
                "endpoint", "http://127.0.0.1:4443/"));

        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.maxRetries()).isEqualTo(6);
        assertThat(defaults.uploadChunkSize()).isEqualTo(16 << 20);
        assertThat(defaults.credentialsFile()).isNull();
        assertThat(set.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(set.maxRetries()).isZero();
        assertThat(set.uploadChunkSize()).isEqualTo(512 * 1024);
        assertThat(set.endpoint()).hasToString("http://127.0.0.1:4443");
        assertThat(set.anonymous()).isTrue();
    }

    @Test
    @DisplayName("a value can come from TARN_BLOCKSTORE_GCS_<KEY>")
    void environmentOverride() {
        BlockStoreConfig config = BlockStoreConfig.from("gcs", Map.of("blockstore.gcs.project-id", "from-file"),
                Map.of("TARN_BLOCKSTORE_GCS_PROJECT_ID", "from-env", "TARN_BLOCKSTORE_GCS_MAX_RETRIES", "2"));

        GcsBlockStoreConfig read = GcsBlockStoreConfig.from(config);

        assertThat(read.projectId()).isEqualTo("from-env");
        assertThat(read.maxRetries()).isEqualTo(2);
    }

    @Test
    @DisplayName("a missing project-id names the property and its environment variable")
    void missingProject() {
        assertThatThrownBy(() -> new GcsBlockStoreProvider().open(new BlockStoreConfig("gcs", Map.of("anonymous", "true"))))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("blockstore.gcs.project-id")
                .hasMessageContaining("TARN_BLOCKSTORE_GCS_PROJECT_ID");
    }

    @ParameterizedTest(name = "{0} = ''{1}'' is refused naming the property and the value")
    @CsvSource({
        "timeout, soon", "timeout, 0s", "timeout, -5s", "max-retries, many", "max-retries, -1", "max-retries, 1000",
        "upload-chunk-size, 1000", "upload-chunk-size, 0", "endpoint, ftp://127.0.0.1", "endpoint, not a url", "anonymous, maybe"})
    void malformedValues(String key, String value) {
        assertThatThrownBy(() -> GcsBlockStoreConfig.from(config(key, value)))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore.gcs." + key)
                .hasMessageContaining(value);
    }

    @Test
    @DisplayName("a credentials-file that does not exist is refused naming the property and path")
    void missingCredentialsFile() {
        Path missing = temp.resolve("nope.json");

        assertThatThrownBy(() -> GcsBlockStoreConfig.from(config("credentials-file", missing.toString())))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore.gcs.credentials-file '" + missing + "'");
    }

    @Test
    @DisplayName("a credentials-file that is no key file is refused without quoting its content")
    void malformedCredentialsFile() throws IOException {
        Path file = Files.writeString(temp.resolve("key.json"), "{\"type\": \"service_account\", \"private_key\": \"SECRET-MATERIAL\"");

        assertThatThrownBy(() -> new GcsBlockStoreProvider().open(config("credentials-file", file.toString())))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("blockstore.gcs.credentials-file")
                .hasMessageNotContaining("SECRET-MATERIAL");
    }

    @Test
    @DisplayName("the config's string form masks the credentials file")
    void credentialsMasked() {
        assertThat(config("credentials-file", "/keys/sa.json").toString()).doesNotContain("/keys/sa.json");
    }

    @Test
    @DisplayName("with a service-account key every capability is offered, presigned URLs included")
    void capabilitiesWithSigner() {
        Path key = TestServiceAccount.create(temp).file();

        try (BlockStore store = new GcsBlockStoreProvider().open(config("credentials-file", key.toString()))) {
            for (Capability capability : Capability.values()) {
                assertThat(store.supports(capability)).as(capability.name()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("without credentials that can sign, presigned URLs are refused clearly")
    void noSignerNoPresignedUrls() {
        try (BlockStore store = new GcsBlockStoreProvider().open(config())) {
            assertThat(store.supports(Capability.PRESIGNED_URLS)).isFalse();
            assertThat(store.supports(Capability.MULTIPART_UPLOAD)).isTrue();
            assertThatThrownBy(() -> store.require(Capability.PRESIGNED_URLS, SupportsPresignedUrls.class))
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining("'gcs'");
        }
    }

    @Test
    @DisplayName("locations that are not gs://bucket/key are refused naming the location")
    void foreignLocations() {
        try (BlockStore store = new GcsBlockStoreProvider().open(config())) {
            assertThatThrownBy(() -> store.stat(Location.of("s3://bucket/key"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("s3://bucket/key");
            assertThatThrownBy(() -> store.stat(Location.of("gs://bucket"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names a bucket");
        }
    }
}
