package io.tarn.blockstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code blockstore.local.presign-*} settings: read, checked, and refused naming the property and value. */
class LocalPresignConfigTest {
    private static final String SECRET = "a-secret-long-enough-for-hmac";

    @TempDir
    Path temp;

    private LocalBlockStoreConfig read(Map<String, String> presignSettings) {
        Map<String, String> settings = new HashMap<>(Map.of("root", temp.toString()));
        settings.putAll(presignSettings);
        return LocalBlockStoreConfig.from(new BlockStoreConfig("local", settings));
    }

    @Test
    @DisplayName("without presign-listen there is no endpoint")
    void absentByDefault() {
        assertThat(read(Map.of()).presign()).isNull();
    }

    @Test
    @DisplayName("presign-listen, presign-url and presign-secret are read")
    void read() {
        LocalBlockStoreConfig.Presign presign = read(Map.of("presign-listen", "127.0.0.1:8123", "presign-url", "https://files.example.com/blocks/",
                "presign-secret", SECRET)).presign();

        assertThat(presign.listen().getHostString()).isEqualTo("127.0.0.1");
        assertThat(presign.listen().getPort()).isEqualTo(8123);
        assertThat(presign.url()).isEqualTo(URI.create("https://files.example.com/blocks"));
        assertThat(presign.secret().getEncoded()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("an IPv6 address is given in brackets")
    void ipv6() {
        LocalBlockStoreConfig.Presign presign = read(Map.of("presign-listen", "[::1]:8123")).presign();

        assertThat(presign.listen().getAddress().isLoopbackAddress()).isTrue();
        assertThat(presign.listen().getPort()).isEqualTo(8123);
    }

    @Test
    @DisplayName("without presign-secret each configuration read gets its own random key")
    void randomSecret() {
        assertThat(read(Map.of("presign-listen", "127.0.0.1:0")).presign().secret())
                .isNotEqualTo(read(Map.of("presign-listen", "127.0.0.1:0")).presign().secret());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"8123", "127.0.0.1", "127.0.0.1:", ":8123", "127.0.0.1:http", "127.0.0.1:65536", "127.0.0.1:-1", "::1:8123", "[::1]8123"})
    @DisplayName("a presign-listen that is no host:port is refused naming the property and the value")
    void badListen(String value) {
        assertThatThrownBy(() -> read(Map.of("presign-listen", value)))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore.local.presign-listen '" + value + "'")
                .hasMessageContaining("host:port");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"ftp://files.example.com", "files.example.com", "http://", "https://files.example.com/?a=b", "http://user@files.example.com", "http://a b"})
    @DisplayName("a presign-url that is no http(s) base URL is refused naming the property and the value")
    void badUrl(String value) {
        assertThatThrownBy(() -> read(Map.of("presign-listen", "127.0.0.1:0", "presign-url", value)))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore.local.presign-url '" + value + "'");
    }

    @Test
    @DisplayName("a short presign-secret is refused without showing it")
    void shortSecret() {
        assertThatThrownBy(() -> read(Map.of("presign-listen", "127.0.0.1:0", "presign-secret", "too-short")))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore.local.presign-secret '****'")
                .hasMessageNotContaining("too-short");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"presign-url", "presign-secret"})
    @DisplayName("presign-url or presign-secret without presign-listen is refused: it would do nothing")
    void settingWithoutListen(String key) {
        assertThatThrownBy(() -> read(Map.of(key, key.equals("presign-url") ? "https://files.example.com" : SECRET)))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore.local." + key + ":")
                .hasMessageContaining("presign-listen");
    }

    @Test
    @DisplayName("the secret is masked wherever a configuration is shown")
    void secretNeverShown() {
        BlockStoreConfig config = new BlockStoreConfig("local", Map.of("root", temp.toString(), "presign-listen", "127.0.0.1:0", "presign-secret", SECRET));

        assertThat(config.toString()).doesNotContain(SECRET);
        assertThat(LocalBlockStoreConfig.from(config).toString()).doesNotContain(SECRET).contains("secret=****");
    }

    @Test
    @DisplayName("an address that cannot be bound stops the store from opening, naming the property and the address")
    void addressInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalBlockStoreConfig config = read(Map.of("presign-listen", "127.0.0.1:" + taken.getLocalPort()));

            assertThatThrownBy(() -> LocalBlockStore.open(config))
                    .isInstanceOf(BlockStoreConfigException.class)
                    .hasMessageStartingWith("Cannot listen on blockstore.local.presign-listen '127.0.0.1:" + taken.getLocalPort() + "'");
        }
    }
}
