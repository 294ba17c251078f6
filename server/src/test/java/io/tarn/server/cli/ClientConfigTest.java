package io.tarn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {
    @TempDir
    Path home;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void readsTarnYamlInHome() throws IOException {
        Files.writeString(home.resolve(".tarn.yaml"), """
                server:
                  endpoint_url: http://127.0.0.1:9000/api/v1/
                credentials:
                  access_key_id: AKTARNEXAMPLE
                  secret_access_key: s3cr3t
                """);
        ClientConfig config = ClientConfig.load(null, env());
        assertThat(config.endpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(config.accessKeyId()).isEqualTo("AKTARNEXAMPLE");
        assertThat(config.secretAccessKey()).isEqualTo("s3cr3t");
        assertThat(config.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void environmentOverridesTheFileAndDottedKeysWork() throws IOException {
        Path file = Files.writeString(home.resolve("other.yaml"), "credentials.access_key_id: FROMFILE\ncredentials.secret_access_key: file-secret\n");
        ClientConfig config = ClientConfig.load(file, env("TARN_ENDPOINT_URL", "https://tarn.example.com", "TARN_SECRET_ACCESS_KEY", "env-secret"));
        assertThat(config.endpoint()).hasToString("https://tarn.example.com");
        assertThat(config.accessKeyId()).isEqualTo("FROMFILE");
        assertThat(config.secretAccessKey()).isEqualTo("env-secret");
    }

    @Test
    void withoutAFileTheEnvironmentIsEnoughAndTheEndpointDefaultsToLocalhost() {
        ClientConfig config = ClientConfig.load(null, env("TARN_ACCESS_KEY_ID", "AK", "TARN_SECRET_ACCESS_KEY", "s"));
        assertThat(config.endpoint()).hasToString("http://127.0.0.1:8000");
    }

    @Test
    void missingCredentialsAreAUsageErrorSayingWhereToSetThem() {
        assertThatThrownBy(() -> ClientConfig.load(null, env())).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("Cannot find credentials").hasMessageContaining("TARN_ACCESS_KEY_ID");
    }

    @Test
    void badFilesKeysAndEndpointsAreNamed() throws IOException {
        assertThatThrownBy(() -> ClientConfig.load(home.resolve("absent.yaml"), env()))
                .hasMessage("Cannot read config file " + home.resolve("absent.yaml") + ": no such file");
        Path typo = Files.writeString(home.resolve("typo.yaml"), "credentials:\n  access_key: AK\n");
        assertThatThrownBy(() -> ClientConfig.load(typo, env())).hasMessageStartingWith("Invalid config key 'credentials.access_key' in " + typo);
        Path broken = Files.writeString(home.resolve("broken.yaml"), "server: [\n");
        assertThatThrownBy(() -> ClientConfig.load(broken, env())).hasMessageStartingWith("Invalid config file " + broken + " at line");
        assertThatThrownBy(() -> ClientConfig.load(null, env("TARN_ENDPOINT_URL", "127.0.0.1:8000", "TARN_ACCESS_KEY_ID", "AK",
                "TARN_SECRET_ACCESS_KEY", "s"))).hasMessageStartingWith("Invalid server.endpoint_url '127.0.0.1:8000'");
        assertThatThrownBy(() -> ClientConfig.load(null, env("TARN_CA_FILE", "/no/such/ca.pem", "TARN_ACCESS_KEY_ID", "AK",
                "TARN_SECRET_ACCESS_KEY", "s"))).hasMessageStartingWith("Invalid server.ca_file '/no/such/ca.pem'").hasMessageEndingWith("no such file");
    }
}
