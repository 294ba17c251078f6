package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No key reaches outside the root, and no link placed inside the root is followed out of it. A
 * directory beside the root plays the attacker's target: after every test it must be byte for byte
 * what it was.
 */
class LocalConfinementTest {
    private static final byte[] SECRET = "secret".getBytes(UTF_8);

    @TempDir
    Path temp;
    private Path root;
    private Path outside;
    private Map<String, String> outsideBefore;
    private LocalBlockStore store;

    @BeforeEach
    void setUp() throws IOException {
        root = temp.resolve("root");
        outside = temp.resolve("outside");
        Files.createDirectories(outside.resolve("dir"));
        Files.write(outside.resolve("secret"), SECRET);
        Files.write(outside.resolve("dir").resolve("secret"), SECRET);
        outsideBefore = snapshot(outside);
        // With the presigned-URL endpoint: URLs must be confined exactly as the calls are.
        store = LocalBlockStore.open(LocalBlockStoreConfig.from(new BlockStoreConfig("local", Map.of("root", root.toString(), "presign-listen", "127.0.0.1:0"))));
    }

    @AfterEach
    void outsideIsUntouched() throws IOException {
        store.close();
        assertThat(snapshot(outside)).as("the directory outside the root").isEqualTo(outsideBefore);
        assertThat(snapshot(temp).keySet()).as("nothing is created beside the root").allMatch(p -> p.startsWith("root") || p.startsWith("outside"));
    }

    @ParameterizedTest(name = "''{0}'' stays inside the root")
    @ValueSource(strings = {"local://ns/../outside/secret", "local://ns/../../outside/secret", "local:///../outside/secret", "local://../outside/secret",
        "local://../../../../../../../../etc/passwd", "local:////etc/passwd", "local://ns/%2e%2e/%2e%2e/outside/secret", "local://ns/./../outside/dir/secret"})
    void escapingKeysStayInside(String text) throws IOException {
        Location location = Location.of(text);

        assertThatThrownBy(() -> store.get(location).close()).isInstanceOf(ObjectNotFoundException.class);
        store.put(location, new ByteArrayInputStream(new byte[] {9}), 1, PutOptions.DEFAULT);

        assertThat(store.get(location).readAllBytes()).containsExactly(9);
        assertThat(store.listAll(Location.of("local://")).map(s -> s.location().toString())).contains(keyForm(location));
        store.delete(location);
        assertThat(snapshot(root).keySet()).as("only the store's own directories remain").containsOnly(".tmp", ".multipart");
    }

    @ParameterizedTest(name = "''{0}'' stays inside the root through presigned URLs")
    @ValueSource(strings = {"local://ns/../outside/secret", "local://ns/../../outside/secret", "local:///../outside/secret", "local://../../../../etc/passwd",
        "local:////etc/passwd", "local://ns/./../outside/dir/secret"})
    void escapingKeysStayInsideThroughPresignedUrls(String text) {
        Location location = Location.of(text);
        Duration expiry = Duration.ofMinutes(1);

        assertThat(PlainHttp.get(store.presignGet(location, expiry)).statusCode()).isEqualTo(404);
        assertThat(PlainHttp.put(store.presignPut(location, expiry), new byte[] {9}).statusCode()).isEqualTo(200);

        assertThat(PlainHttp.get(store.presignGet(location, expiry)).body()).containsExactly(9);
        assertThat(store.listAll(Location.of("local://")).map(s -> s.location().toString())).contains(keyForm(location));
    }

    @Test
    @DisplayName("a request path with raw '..' segments names a key below the root, whose signature it lacks")
    void rawDotSegmentsInARequestPath() {
        URI url = store.presignGet(Location.of("local://ns/object"), Duration.ofMinutes(1));
        URI crafted = URI.create(url.getScheme() + "://" + url.getRawAuthority() + "/objects/../../outside/secret?" + url.getRawQuery());

        HttpResponse<byte[]> response = PlainHttp.get(crafted);

        assertThat(response.statusCode()).isIn(403, 404);
        assertThat(response.body()).isNotEqualTo(SECRET);
    }

    @Test
    @DisplayName("an absolute path as authority-less location is a key below the root")
    void absolutePathIsAKey() throws IOException {
        Location location = Location.of("local:///" + outside.resolve("secret"));

        assertThatThrownBy(() -> store.stat(location)).isInstanceOf(ObjectNotFoundException.class);
        store.put(location, new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT);

        assertThat(Files.readAllBytes(outside.resolve("secret"))).isEqualTo(SECRET);
        assertThat(store.stat(location).size()).isEqualTo(1);
    }

    @Test
    @DisplayName("a NUL in a key is refused naming it, and nothing is written")
    void nulRefused() throws IOException {
        Map<String, String> before = snapshot(root);

        assertThatThrownBy(() -> store.put(Location.of("local://ns/a\0b"), new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a\\0b");
        assertThatThrownBy(() -> KeyCodec.keyBytes("ns/../a\0b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ns/../a\\0b");

        assertThat(snapshot(root)).isEqualTo(before);
    }

    @Test
    @DisplayName("a key with an unpaired surrogate is refused, and nothing is written")
    void unpairedSurrogateRefused() throws IOException {
        Map<String, String> before = snapshot(root);

        assertThatThrownBy(() -> store.put(Location.of("local://ns/a\ud800"), new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid key");

        assertThat(snapshot(root)).isEqualTo(before);
    }

    @Test
    @DisplayName("a key whose file path would exceed the file system's limit is refused naming it, and nothing is written")
    void overlongPathRefused() throws IOException {
        Map<String, String> before = snapshot(root);
        Location location = Location.of("local://ns/" + "/".repeat(1100));

        assertThatThrownBy(() -> store.put(location, new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid key 'ns/////")
                .hasMessageContaining("4095");

        assertThat(snapshot(root)).isEqualTo(before);
    }

    @Test
    @DisplayName("another scheme is refused")
    void otherSchemeRefused() {
        assertThatThrownBy(() -> store.stat(Location.of("s3://bucket/key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid location 's3://bucket/key': the local blockstore serves only local:// locations");
    }

    @Test
    @DisplayName("a link to an outside file, placed where an object would be, is neither read, stat-ed, listed nor copied")
    void linkedFileIsNotFollowedForReads() throws IOException {
        Location link = plantFileLink("ns/link");

        assertThatThrownBy(() -> store.get(link).close()).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.stat(link)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.listAll(Location.of("local://ns"))).isEmpty();
        assertThatThrownBy(() -> store.copy(link, Location.of("local://ns/copy"))).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.put(link, new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT, WriteCondition.ifMatch("0".repeat(32))))
                .isInstanceOf(io.tarn.blockstore.spi.PreconditionFailedException.class);
    }

    @Test
    @DisplayName("writing over a link to an outside file replaces the link, not the file")
    void writeReplacesTheLink() throws IOException {
        Location link = plantFileLink("ns/link");

        store.put(link, new ByteArrayInputStream(new byte[] {7}), 1, PutOptions.DEFAULT);

        assertThat(store.get(link).readAllBytes()).containsExactly(7);
        assertThat(Files.isSymbolicLink(store.root().resolve("ns%2F").resolve("link"))).isFalse();
    }

    @Test
    @DisplayName("deleting a link to an outside file removes the link only")
    void deleteRemovesTheLinkOnly() throws IOException {
        Location link = plantFileLink("ns/link");

        store.delete(link);

        assertThat(Files.exists(store.root().resolve("ns%2F").resolve("link"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    @DisplayName("a link to an outside directory is never entered: reads find nothing, listings skip it")
    void linkedDirectoryIsNotFollowedForReads() throws IOException {
        plantDirectoryLink("ns/evil/");
        Location inside = Location.of("local://ns/evil/secret");

        assertThatThrownBy(() -> store.get(inside).close()).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.stat(inside)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.listAll(Location.of("local://"))).isEmpty();
        store.delete(inside);
    }

    @Test
    @DisplayName("writes through a link to an outside directory fail and create nothing there")
    void linkedDirectoryIsNotFollowedForWrites() throws IOException {
        plantDirectoryLink("ns/evil/");
        Location inside = Location.of("local://ns/evil/new");
        store.put(Location.of("local://ns/source"), new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT);

        assertThatThrownBy(() -> store.put(inside, new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT))
                .isInstanceOf(BlockStoreException.class)
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> store.put(Location.of("local://ns/evil/deeper/new"), new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT))
                .isInstanceOf(BlockStoreException.class);
        assertThatThrownBy(() -> store.copy(Location.of("local://ns/source"), inside)).isInstanceOf(BlockStoreException.class);
        String uploadId = store.createMultipartUpload(inside, PutOptions.DEFAULT);
        var part = store.uploadPart(inside, uploadId, 1, new ByteArrayInputStream(new byte[] {1}), 1);
        assertThatThrownBy(() -> store.completeMultipartUpload(inside, uploadId, List.of(new CompletedPart(1, part.etag()))))
                .isInstanceOf(BlockStoreException.class);
        assertThat(store.root().resolve(RootDirectory.TEMP)).isEmptyDirectory();
    }

    /** A link to outside/secret where the object {@code key} would be. */
    private Location plantFileLink(String key) throws IOException {
        Path file = store.root().resolve(String.join("/", KeyCodec.names(key.getBytes(UTF_8))));
        Files.createDirectories(file.getParent());
        Files.createSymbolicLink(file, outside.resolve("secret"));
        return Location.of("local://" + key);
    }

    /** A link to outside/ where the directory for keys starting {@code prefix} (ending in '/') would be. */
    private void plantDirectoryLink(String prefix) throws IOException {
        List<String> names = KeyCodec.names((prefix + "x").getBytes(UTF_8));
        Path directory = store.root().resolve(String.join("/", names.subList(0, names.size() - 1)));
        Files.createDirectories(directory.getParent());
        Files.createSymbolicLink(directory, outside);
    }

    /** How the store spells a location in listings from the root: authority-less. */
    private static String keyForm(Location location) {
        String key = location.authority().isEmpty() ? location.path() : location.authority() + "/" + location.path();
        return "local:///" + key;
    }

    /** Every path below {@code directory} (links not followed) with its content, or "dir"/"link". */
    private static Map<String, String> snapshot(Path directory) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.filter(p -> !p.equals(directory)).forEach(p -> {
                String kind;
                try {
                    kind = Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p) ? "dir" : new String(Files.readAllBytes(p), UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                contents.put(directory.relativize(p).toString(), kind);
            });
        }
        return contents;
    }
}
