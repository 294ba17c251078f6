package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.local.KeyCodec.Entry;
import io.tarn.blockstore.local.KeyCodec.Kind;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyCodecTest {
    @ParameterizedTest(name = "''{0}'' is stored as {1}")
    @CsvSource(delimiter = '|', value = {
        "a/b/c.txt | a%2F, b%2F, c.txt",
        "a | a",
        "a/ | a%2F, %",
        "/x | %2F, x",
        "a//b | a%2F, %2F, b",
        "../../etc/passwd | %2E.%2F, %2E.%2F, etc%2F, passwd",
        ". | %2E",
        ".tmp | %2Etmp",
        "a.b/.c | a.b%2F, %2Ec",
        "100% | 100%25",
        "%% | %25%25",
        "a%2Fb | a%252Fb",
        "with space+plus | with%20space%2Bplus",
        "\u00e9 | %C3%A9",
        "A_z-0 | A_z-0",
    })
    void storedNames(String key, String names) {
        assertThat(KeyCodec.names(key.getBytes(UTF_8))).containsExactly(names.split(", "));
    }

    @Test
    @DisplayName("a segment too long for one name becomes continuation directories holding the rest")
    void longSegmentIsChunked() {
        String key = "k".repeat(1024);

        List<String> names = KeyCodec.names(key.getBytes(UTF_8));

        assertThat(names).hasSize(5);
        assertThat(names.subList(0, 4)).allSatisfy(name -> assertThat(name).isEqualTo("k".repeat(250) + "%%"));
        assertThat(names.get(4)).isEqualTo("k".repeat(24));
        assertThat(decodeAll(names)).isEqualTo(key.getBytes(UTF_8));
    }

    @Test
    @DisplayName("a segment that fits 255 bytes with its suffix stays one name")
    void segmentAtTheLimitIsOneName() {
        assertThat(KeyCodec.names("k".repeat(255).getBytes(UTF_8))).containsExactly("k".repeat(255));
        assertThat(KeyCodec.names(("k".repeat(252) + "/x").getBytes(UTF_8))).containsExactly("k".repeat(252) + "%2F", "x");
        assertThat(KeyCodec.names(("k".repeat(253) + "/x").getBytes(UTF_8)).get(0)).endsWith("%%");
    }

    @Test
    @DisplayName("multi-byte characters are split between chunks byte-wise and still round-trip")
    void multibyteChunksRoundTrip() {
        byte[] key = "\u00e9".repeat(600).getBytes(UTF_8);

        List<String> names = KeyCodec.names(key);

        assertThat(names).allSatisfy(name -> assertThat(name.length()).isLessThanOrEqualTo(KeyCodec.MAX_NAME_BYTES));
        assertThat(decodeAll(names)).isEqualTo(key);
    }

    @Test
    @DisplayName("for 20,000 random keys: every name is short, plain ASCII, not hidden, decodes, and the names spell the key")
    void randomKeysRoundTrip() {
        Random random = new Random(20_000);
        String[] alphabet = {"a", "Z", "/", "//", ".", "..", "%", "%2F", "-", "_", " ", "+", "\u00e9", "\ud83d\ude00", "\u65e5", "k".repeat(97), "\u00e9".repeat(50)};
        Set<List<String>> paths = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder key = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                key.append(alphabet[random.nextInt(alphabet.length)]);
            }
            byte[] bytes = key.toString().getBytes(UTF_8);
            List<String> names = KeyCodec.names(bytes);
            for (String name : names) {
                assertThat(name.length()).as(name).isBetween(1, KeyCodec.MAX_NAME_BYTES);
                assertThat(name).doesNotStartWith(".").doesNotContain("/").matches("[\\x21-\\x7e]+");
            }
            assertThat(decodeAll(names)).as(key.toString()).isEqualTo(bytes);
            if (keys.add(key.toString())) {
                assertThat(paths.add(names)).as("a second key stored at the path of " + key).isTrue();
            }
        }
    }

    @Test
    @DisplayName("decoding tells files, directories and continuations apart")
    void decodeKinds() {
        assertThat(KeyCodec.decode("a").kind()).isEqualTo(Kind.FILE);
        assertThat(KeyCodec.decode("a%2F").kind()).isEqualTo(Kind.DIRECTORY);
        assertThat(KeyCodec.decode("a%2F").label()).isEqualTo("a/".getBytes(UTF_8));
        assertThat(KeyCodec.decode("%2F").label()).isEqualTo("/".getBytes(UTF_8));
        assertThat(KeyCodec.decode("%").label()).isEmpty();
        assertThat(KeyCodec.decode("aaa%%").kind()).isEqualTo(Kind.CONTINUATION);
    }

    @ParameterizedTest(name = "''{0}'' was not written by the store and decodes to nothing")
    @ValueSource(strings = {".tmp", ".multipart", "..", ".", "%41", "a%2f", "a%2Fb", "%00", "x%", "%Z1", "a b", "\u00e9", "%%", "%2F%2F", "a%"})
    void foreignNamesAreRejected(String name) {
        assertThat(KeyCodec.decode(name)).isNull();
    }

    @Test
    @DisplayName("a NUL, an unpaired surrogate or an empty key is refused, naming the key")
    void invalidKeysRefused() {
        assertThatThrownBy(() -> KeyCodec.keyBytes("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid key 'a\\0b': NUL characters are not allowed");
        assertThatThrownBy(() -> KeyCodec.keyBytes("a\ud800b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid key 'a\ud800b'")
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> KeyCodec.keyBytes("")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid key ''");
    }

    @Test
    @DisplayName("invalid UTF-8 decodes to no key")
    void invalidUtf8() {
        assertThat(KeyCodec.keyString(new byte[] {(byte) 0xC3})).isNull();
        assertThat(KeyCodec.keyString("ok".getBytes(UTF_8))).isEqualTo("ok");
    }

    private static byte[] decodeAll(List<String> names) {
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        for (String name : names) {
            Entry entry = KeyCodec.decode(name);
            assertThat(entry).as("decoding " + name).isNotNull();
            key.writeBytes(entry.label());
        }
        return key.toByteArray();
    }
}
