package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlockStoreConfigTest {
    @Test
    @DisplayName("picks out its own type's properties with the prefix stripped")
    void selectsOwnType() {
        BlockStoreConfig config = BlockStoreConfig.from("s3", Map.of(
                "blockstore.s3.region", "eu-west-1",
                "blockstore.s3x.region", "other",
                "blockstore.local.root", "/data",
                "server.port", "8000"), Map.of());

        assertThat(config.type()).isEqualTo("s3");
        assertThat(config.keys()).containsExactly("region");
        assertThat(config.string("region", null)).isEqualTo("eu-west-1");
    }

    @Test
    @DisplayName("an environment variable overrides the property it names, also one spelled with dots")
    void environmentOverridesDottedProperty() {
        BlockStoreConfig config = BlockStoreConfig.from("s3",
                Map.of("blockstore.s3.force.path.style", "false"),
                Map.of("TARN_BLOCKSTORE_S3_FORCE_PATH_STYLE", "true"));

        assertThat(config.keys()).containsExactly("force.path.style");
        assertThat(config.bool("force.path.style", false)).isTrue();
    }

    @Test
    @DisplayName("an environment variable without a property becomes a dashed key")
    void environmentOnlyKey() {
        BlockStoreConfig config = BlockStoreConfig.from("s3", Map.of(), Map.of("TARN_BLOCKSTORE_S3_ACCESS_KEY_ID", "AKIA"));

        assertThat(config.string("access-key-id", null)).isEqualTo("AKIA");
    }

    @Test
    @DisplayName("environment variables of other types, or with no key, are ignored")
    void foreignEnvironmentIgnored() {
        BlockStoreConfig config = BlockStoreConfig.from("s3", Map.of(),
                Map.of("TARN_BLOCKSTORE_GCS_PROJECT", "p", "TARN_BLOCKSTORE_S3_", "x", "PATH", "/bin"));

        assertThat(config.keys()).isEmpty();
    }

    @Test
    @DisplayName("envName upper-cases and turns '.' and '-' into '_'")
    void envName() {
        assertThat(BlockStoreConfig.envName("blockstore.s3.secret-access.key")).isEqualTo("TARN_BLOCKSTORE_S3_SECRET_ACCESS_KEY");
    }

    @Test
    @DisplayName("a missing required property names the property and its environment variable")
    void missingRequired() {
        BlockStoreConfig config = new BlockStoreConfig("local", Map.of("other", "x"));

        assertThatThrownBy(() -> config.requiredString("root"))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid")
                .hasMessageContaining("blockstore.local.root")
                .hasMessageContaining("TARN_BLOCKSTORE_LOCAL_ROOT");
    }

    @Test
    @DisplayName("a blank required property counts as missing")
    void blankRequired() {
        assertThatThrownBy(() -> new BlockStoreConfig("local", Map.of("root", "  ")).requiredString("root"))
                .isInstanceOf(BlockStoreConfigException.class);
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({"true, true", "YES, true", "on, true", "1, true", "false, false", "No, false", "off, false", "0, false"})
    void booleans(String value, boolean expected) {
        assertThat(new BlockStoreConfig("t", Map.of("k", value)).bool("k", !expected)).isEqualTo(expected);
    }

    @Test
    @DisplayName("absent values fall back")
    void fallbacks() {
        BlockStoreConfig config = new BlockStoreConfig("t", Map.of());

        assertThat(config.bool("k", true)).isTrue();
        assertThat(config.longValue("k", 7)).isEqualTo(7);
        assertThat(config.duration("k", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.string("k", "f")).isEqualTo("f");
        assertThat(config.path("k", Path.of("/x"))).isEqualTo(Path.of("/x"));
    }

    @Test
    @DisplayName("a malformed boolean names property, value and what was expected")
    void malformedBoolean() {
        assertThatThrownBy(() -> new BlockStoreConfig("s3", Map.of("k", "maybe")).bool("k", false))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessage("Invalid blockstore.s3.k 'maybe': expected true or false");
    }

    @Test
    @DisplayName("whole numbers parse; others are refused naming the value")
    void longs() {
        assertThat(new BlockStoreConfig("t", Map.of("k", " 42 ")).longValue("k", 0)).isEqualTo(42);
        assertThatThrownBy(() -> new BlockStoreConfig("t", Map.of("k", "4.2")).longValue("k", 0))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("'4.2'");
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({"30s, PT30S", "5m, PT5M", "2h, PT2H", "1d, PT24H", "1500ms, PT1.5S", "PT30S, PT30S", "pt1m, PT1M"})
    void durations(String value, Duration expected) {
        assertThat(new BlockStoreConfig("t", Map.of("k", value)).duration("k", null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is not a duration")
    @ValueSource(strings = {"soon", "", "5", "5w", "ms", "P"})
    void malformedDurations(String value) {
        assertThatThrownBy(() -> new BlockStoreConfig("t", Map.of("k", value)).duration("k", null))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore.t.k");
    }

    @Test
    @DisplayName("a malformed secret value is masked in the message")
    void malformedSecretMasked() {
        assertThatThrownBy(() -> new BlockStoreConfig("s3", Map.of("token-ttl", "hunter2")).duration("token-ttl", null))
                .hasMessageContaining("****")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    @DisplayName("toString masks every secret-looking key and shows the rest")
    void toStringMasksSecrets() {
        BlockStoreConfig config = new BlockStoreConfig("s3", Map.of(
                "region", "eu-west-1",
                "secret-access-key", "S1",
                "password", "S2",
                "sas-token", "S3",
                "connection-string", "S4",
                "private-key", "S5",
                "credentials-file", "S6"));

        assertThat(config.toString())
                .contains("region=eu-west-1")
                .doesNotContain("S1", "S2", "S3", "S4", "S5", "S6")
                .contains("secret-access-key=****");
    }

    @Test
    @DisplayName("isSecret ignores case")
    void isSecretIgnoresCase() {
        assertThat(BlockStoreConfig.isSecret("AccountKey.SECRET")).isTrue();
        assertThat(BlockStoreConfig.isSecret("endpoint")).isFalse();
    }

    @Test
    @DisplayName("a key named like a key holds a secret; an access key id does not")
    void accountKeysAreSecret() {
        assertThat(BlockStoreConfig.isSecret("account-key")).isTrue();
        assertThat(BlockStoreConfig.isSecret("key")).isTrue();
        assertThat(BlockStoreConfig.isSecret("access-key-id")).isFalse();
        assertThat(new BlockStoreConfig("azure", java.util.Map.of("account-key", "c2VjcmV0")).toString()).doesNotContain("c2VjcmV0");
    }

    @Test
    @DisplayName("a bounded whole number outside its bounds names the property, the value and the bounds")
    void boundedLong() {
        BlockStoreConfig config = new BlockStoreConfig("gcs", Map.of("max-retries", "101", "ok", "7"));

        assertThat(config.longValue("ok", 3, 0, 100)).isEqualTo(7);
        assertThat(config.longValue("absent", 3, 0, 100)).isEqualTo(3);
        assertThatThrownBy(() -> config.longValue("max-retries", 3, 0, 100))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessage("Invalid blockstore.gcs.max-retries '101': expected a whole number from 0 to 100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "-5s", "PT0S"})
    @DisplayName("a duration that must be positive refuses zero and negative values, naming them")
    void positiveDuration(String value) {
        BlockStoreConfig config = new BlockStoreConfig("azure", Map.of("timeout", value));

        assertThatThrownBy(() -> config.positiveDuration("timeout", Duration.ofSeconds(30)))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessage("Invalid blockstore.azure.timeout '" + value + "': expected a positive duration such as 30s");
        assertThat(new BlockStoreConfig("azure", Map.of("timeout", "2m")).positiveDuration("timeout", Duration.ofSeconds(30)))
                .isEqualTo(Duration.ofMinutes(2));
    }
}
