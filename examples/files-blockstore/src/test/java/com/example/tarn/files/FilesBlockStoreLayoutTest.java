package com.example.tarn.files;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an administrator finds on the share: the files, their names and their headers, as documented. */
class FilesBlockStoreLayoutTest {
    @TempDir
    Path temp;
    private Path root;
    private FilesBlockStore store;

    @BeforeEach
    void open() {
        root = temp.resolve("root");
        store = FilesBlockStore.open(new FilesBlockStoreConfig(root));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ObjectStat put(String location, String content) {
        byte[] bytes = content.getBytes(UTF_8);
        return store.put(Location.of(location), new ByteArrayInputStream(bytes), bytes.length, PutOptions.DEFAULT);
    }

    @Test
    @DisplayName("files://share/repo/data/a.txt is the file <root>/share/repo%2Fdata%2Fa.txt: a header, then the bytes")
    void oneKeyOneFile() throws IOException {
        store.put(Location.of("files://share/repo/data/a.txt"), new ByteArrayInputStream("The quick brown fox jumps over the lazy dog".getBytes(US_ASCII)), -1,
                PutOptions.withChecksums(Set.of(ChecksumAlgorithm.CRC32C)));

        byte[] file = Files.readAllBytes(root.resolve("share").resolve("repo%2Fdata%2Fa.txt"));

        String header = new String(file, 0, ObjectHeader.SIZE, US_ASCII).stripTrailing();
        assertThat(header).isEqualTo("tarn-files-blockstore 1\netag=9e107d9d372bb6826bd81d3542a419d6\ncrc32c=ImIEBA==");
        assertThat(new String(file, ObjectHeader.SIZE, file.length - ObjectHeader.SIZE, US_ASCII)).isEqualTo("The quick brown fox jumps over the lazy dog");
    }

    @Test
    @DisplayName("keys with '..', leading slashes and dots stay below the authority's directory, and nothing is written outside the root")
    void keysCannotEscape() throws IOException {
        List<String> keys = List.of("../../escape", "/etc/passwd", "..", ".", ".hidden", "a/../../../b");
        keys.forEach(key -> put("files://share/" + key, key));

        try (Stream<Path> names = Files.list(root.resolve("share"))) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("%2E.%2F..%2Fescape", "%2Fetc%2Fpasswd", "%2E.", "%2E", "%2Ehidden", "a%2F..%2F..%2F..%2Fb");
        }
        try (Stream<Path> names = Files.list(temp)) {
            assertThat(names).containsExactly(root);
        }
        keys.forEach(key -> assertThat(store.stat(Location.of("files://share/" + key)).size()).isEqualTo(key.length()));
    }

    @Test
    @DisplayName("a key longer than 80 bytes continues in directories named after its first 80-byte chunks")
    void longKeyIsChunked() {
        String key = "x".repeat(80) + "y".repeat(80) + "z";
        put("files://share/" + key, "long");

        assertThat(root.resolve("share").resolve("x".repeat(80) + "+").resolve("y".repeat(80) + "+").resolve("z")).isRegularFile();
        assertThat(store.list(Location.of("files://share/x"), null, 10).objects()).extracting(s -> s.location().path()).containsExactly(key);
    }

    @Test
    @DisplayName("files put there by other programs are not listed, and reading one says it has no header")
    void foreignFilesIgnored() throws IOException {
        put("files://share/mine", "mine");
        Files.writeString(root.resolve("share").resolve("README"), "not an object");
        Files.writeString(root.resolve("share").resolve("%zz"), "not a name the store writes");
        Files.writeString(root.resolve("share").resolve("%6Dine2"), "a non-canonical spelling of 'mine2'");

        assertThat(store.list(Location.of("files://share/"), null, 10).objects()).extracting(s -> s.location().path()).containsExactly("mine");
        assertThatThrownBy(() -> store.stat(Location.of("files://share/README")))
                .isInstanceOf(BlockStoreException.class)
                .hasMessageStartingWith("Cannot read 'files://share/README'")
                .hasMessageContaining("header");
    }

    @Test
    @DisplayName("a failed put leaves nothing behind: no object and no temporary file")
    void failedPutLeavesNothing() throws IOException {
        byte[] short999 = new byte[999];

        assertThatThrownBy(() -> store.put(Location.of("files://share/partial"), new ByteArrayInputStream(short999), 1000, PutOptions.DEFAULT))
                .isInstanceOf(BlockStoreException.class)
                .hasMessageStartingWith("Cannot write 'files://share/partial'")
                .hasMessageContaining("expected 1000 bytes");

        assertThat(root.resolve("share/partial")).doesNotExist();
        try (Stream<Path> temporaries = Files.list(root.resolve(".tmp"))) {
            assertThat(temporaries).isEmpty();
        }
    }

    @Test
    @DisplayName("locations the store cannot serve are refused, naming the location")
    void invalidLocations() {
        for (String location : List.of("local://share/x", "files:///x", "files://share", "files://" + "a".repeat(81) + "/x")) {
            assertThatThrownBy(() -> store.stat(Location.of(location)))
                    .as(location)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid location '" + location + "'");
        }
        assertThatThrownBy(() -> store.stat(new Location("files", "share", "lone\ud800surrogate")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    @DisplayName("the SPI's byte order holds across chunk boundaries: a key sorts before its extensions")
    void orderAcrossChunks() {
        String chunk = "k".repeat(80);
        List<String> keys = List.of(chunk, chunk + "/", chunk + "a", chunk.substring(1), chunk + "\u00e9", "l");
        keys.forEach(key -> put("files://share/" + key, key));

        List<String> listed = store.list(Location.of("files://share/"), null, 100).objects().stream().map(s -> s.location().path()).toList();

        assertThat(listed).containsExactlyElementsOf(keys.stream().sorted((a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8))).toList());
    }
}
