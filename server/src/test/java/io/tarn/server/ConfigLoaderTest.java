package io.tarn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void defaultsListenOnLoopbackPort8000WithDataUnderTheWorkingDirectory() {
        TarnConfig config = ConfigLoader.load(null, dir, Map.of(), Map.of());
        assertThat(config.listenAddress()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.metadataDir()).isEqualTo(dir.resolve("data/meta"));
        assertThat(config.properties()).containsEntry("blockstore.local.root", dir.resolve("data/blocks").toString());
        assertThat(config.source()).isNull();
    }

    @Test
    void flagsOverrideEnvironmentWhichOverridesTheFileWhichOverridesDefaults() throws IOException {
        write("tarn.yaml", "listen:\n  address: 0.0.0.0\n  port: 9000\nlog:\n  level: debug\ndata:\n  dir: fromfile\n");
        TarnConfig config = ConfigLoader.load(null, dir,
                Map.of("TARN_LISTEN_PORT", "9100", "TARN_DATA_DIR", "fromenv"),
                Map.of("listen.port", "9200"));
        assertThat(config.listenAddress()).isEqualTo("0.0.0.0");
        assertThat(config.logLevel()).isEqualTo("debug");
        assertThat(config.dataDir()).isEqualTo(dir.resolve("fromenv"));
        assertThat(config.port()).isEqualTo(9200);
        assertThat(config.source()).isEqualTo(dir.resolve("tarn.yaml"));
    }

    @Test
    void propertiesFileIsReadWithDottedKeys() throws IOException {
        Path file = write("custom.properties", "listen.port=8123\nblockstore.local.root=/srv/blocks\n");
        TarnConfig config = ConfigLoader.load(file, dir, Map.of(), Map.of());
        assertThat(config.port()).isEqualTo(8123);
        assertThat(config.properties()).containsEntry("blockstore.local.root", "/srv/blocks");
    }

    @Test
    void pluginSettingsPassThroughNestedYaml() throws IOException {
        write("tarn.yml", "blockstore:\n  s3:\n    region: eu-west-1\n    endpoint: http://127.0.0.1:5000\n");
        TarnConfig config = ConfigLoader.load(null, dir, Map.of(), Map.of());
        assertThat(config.properties())
                .containsEntry("blockstore.s3.region", "eu-west-1")
                .containsEntry("blockstore.s3.endpoint", "http://127.0.0.1:5000");
    }

    @Test
    void malformedYamlNamesTheFileAndLine() throws IOException {
        Path file = write("tarn.yaml", "listen:\n  port: 8000\n  address: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(null, dir, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid config file " + file + " at line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void yamlThatIsNotAMappingIsRefused() throws IOException {
        write("tarn.yaml", "- just\n- a list\n");
        assertThatThrownBy(() -> ConfigLoader.load(null, dir, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a mapping of settings");
    }

    @Test
    void unknownKeyIsRefusedNamingIt() throws IOException {
        write("tarn.yaml", "listen:\n  prot: 8000\n");
        assertThatThrownBy(() -> ConfigLoader.load(null, dir, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid config key 'listen.prot' in " + dir.resolve("tarn.yaml"));
    }

    @Test
    void badPortIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> ConfigLoader.load(null, dir, Map.of("TARN_LISTEN_PORT", "80000"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid listen.port '80000': expected a number from 0 to 65535");
        assertThatThrownBy(() -> ConfigLoader.load(null, dir, Map.of(), Map.of("listen.port", "http")))
                .hasMessage("Invalid listen.port 'http': expected a number from 0 to 65535");
    }

    @Test
    void badLogLevelIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(null, dir, Map.of(), Map.of("log.level", "loud")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'loud'");
    }

    @Test
    void namedFileThatDoesNotExistIsRefused() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, dir, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Cannot read config file " + missing + ": no such file");
    }

    @Test
    void fileOfAnotherFormatIsRefused() throws IOException {
        Path file = write("tarn.toml", "port = 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, dir, Map.of(), Map.of()))
                .hasMessageContaining("expected a .yaml, .yml or .properties file");
    }

    @Test
    void listValuesAreRefused() throws IOException {
        write("tarn.yaml", "listen:\n  address: [a, b]\n");
        assertThatThrownBy(() -> ConfigLoader.load(null, dir, Map.of(), Map.of()))
                .hasMessageContaining("'listen.address' is a list");
    }

    @Test
    void environmentNamesFollowTheKey() {
        assertThat(ConfigLoader.envName("blockstore.local.root")).isEqualTo("TARN_BLOCKSTORE_LOCAL_ROOT");
        assertThat(ConfigLoader.envName("listen.port")).isEqualTo("TARN_LISTEN_PORT");
    }
}
