package io.tarn.blockstore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import io.tarn.blockstore.spi.BlockStoreRegistry;
import io.tarn.blockstore.spi.Capability;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Discovery, configuration and argument checks: no backend needed, no request made. */
class S3BlockStoreProviderTest {
    private static S3BlockStoreConfig read(Map<String, String> properties) {
        return S3BlockStoreConfig.from(new BlockStoreConfig("s3", properties));
    }

    @Test
    @DisplayName("the registry finds the plugin through its services file and chooses it for s3://")
    void discoveredAndChosen() {
        BlockStoreRegistry registry = BlockStoreRegistry.discover(getClass().getClassLoader());

        assertThat(registry.types()).contains("s3");
        assertThat(registry.typeFor(Location.of("s3://bucket/repo/data/x"))).isEqualTo("s3");
    }

    @Test
    @DisplayName("the registry opens an S3 store from blockstore.s3.* without contacting it")
    void openedThroughRegistry() {
        BlockStoreConfig config = BlockStoreConfig.from("s3", Map.of("blockstore.s3.endpoint", "http://127.0.0.1:1",
                "blockstore.s3.access-key-id", "id", "blockstore.s3.secret-access-key", "secret"), Map.of());

        try (BlockStore store = BlockStoreRegistry.discover(getClass().getClassLoader()).open(config)) {
            assertThat(store).isInstanceOf(S3BlockStore.class);
            assertThat(store.type()).isEqualTo("s3");
        }
    }

    @Test
    @DisplayName("without properties: AWS, us-east-1, the default credential chain, 60s, 3 retries, 5 GiB copy threshold, 8 MiB parts")
    void defaults() {
        S3BlockStoreConfig config = read(Map.of());

        assertThat(config).isEqualTo(S3BlockStoreConfig.defaults());
        assertThat(config.endpointOverride()).isEmpty();
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.pathStyle()).isFalse();
        assertThat(config.hasStaticCredentials()).isFalse();
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.multipartCopyThreshold()).isEqualTo(5L << 30);
        assertThat(config.partSize()).isEqualTo(8L << 20);
    }

    @Test
    @DisplayName("every key is read into the record")
    void everyKey() {
        S3BlockStoreConfig config = read(Map.of("endpoint", "http://127.0.0.1:9000", "region", "eu-west-3", "path-style", "true",
                "access-key-id", "AKIDEXAMPLE", "secret-access-key", "wJalrXUtnFEMI", "timeout", "15s", "max-retries", "7",
                "multipart-copy-threshold", Long.toString(64L << 20), "part-size", Long.toString(16L << 20)));

        assertThat(config).isEqualTo(new S3BlockStoreConfig(URI.create("http://127.0.0.1:9000"), "eu-west-3", true, "AKIDEXAMPLE",
                "wJalrXUtnFEMI", Duration.ofSeconds(15), 7, 64L << 20, 16L << 20));
    }

    @Test
    @DisplayName("a value can come from TARN_BLOCKSTORE_S3_<KEY>")
    void fromEnvironment() {
        BlockStoreConfig config = BlockStoreConfig.from("s3", Map.of("blockstore.s3.region", "eu-west-1"),
                Map.of("TARN_BLOCKSTORE_S3_REGION", "ap-south-1", "TARN_BLOCKSTORE_S3_PATH_STYLE", "yes"));

        S3BlockStoreConfig s3 = S3BlockStoreConfig.from(config);

        assertThat(s3.region()).isEqualTo("ap-south-1");
        assertThat(s3.pathStyle()).isTrue();
    }

    @ParameterizedTest(name = "{0}={1} is refused naming blockstore.s3.{0}")
    @CsvSource(delimiter = '|', value = {
        "endpoint|ftp://example.com",
        "endpoint|not a url",
        "endpoint|http://",
        "path-style|maybe",
        "timeout|soon",
        "timeout|0s",
        "max-retries|three",
        "max-retries|-1",
        "multipart-copy-threshold|1024",
        "multipart-copy-threshold|6442450944",
        "part-size|big",
        "part-size|1048576",
        "part-size|2147483648",
    })
    void malformedValue(String key, String value) {
        assertThatThrownBy(() -> read(Map.of(key, value)))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore.s3." + key)
                .hasMessageContaining(value);
    }

    @Test
    @DisplayName("an access key id without a secret, or the reverse, names both properties")
    void halfCredentials() {
        for (Map<String, String> half : new Map[] {Map.of("access-key-id", "id"), Map.of("secret-access-key", "secret")}) {
            assertThatThrownBy(() -> read(half))
                    .isInstanceOf(BlockStoreConfigException.class)
                    .hasMessageContaining("blockstore.s3.access-key-id")
                    .hasMessageContaining("blockstore.s3.secret-access-key")
                    .hasMessageNotContaining("secret'");
        }
    }

    @Test
    @DisplayName("the secret access key never shows in toString, of the record or of the raw config")
    void secretMasked() {
        Map<String, String> properties = Map.of("access-key-id", "AKIDEXAMPLE", "secret-access-key", "wJalrXUtnFEMI-very-secret");

        assertThat(read(properties).toString()).contains("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI");
        assertThat(new BlockStoreConfig("s3", properties).toString()).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    @DisplayName("the store offers multipart upload, server-side copy, conditional put and presigned URLs")
    void capabilities() {
        try (S3BlockStore store = S3BlockStore.open(read(Map.of("endpoint", "http://127.0.0.1:1", "access-key-id", "a", "secret-access-key", "b")))) {
            for (Capability capability : Capability.values()) {
                assertThat(store.supports(capability)).as(capability.name()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("locations that are not s3://bucket/key are refused naming the location, before any request")
    void foreignLocations() {
        try (S3BlockStore store = S3BlockStore.open(read(Map.of("endpoint", "http://127.0.0.1:1", "access-key-id", "a", "secret-access-key", "b")))) {
            assertThatThrownBy(() -> store.stat(Location.of("local:///x/y")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'local:///x/y'");
            assertThatThrownBy(() -> store.put(Location.of("s3://bucket"), new ByteArrayInputStream(new byte[0]), 0, PutOptions.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'s3://bucket'").hasMessageContaining("needs a key");
            assertThatThrownBy(() -> store.list(Location.of("s3://bucket/a"), Location.of("s3://other/b"), 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'s3://other/b'");
        }
    }
}
