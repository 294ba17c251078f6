package io.tarn.blockstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PreconditionFailedException;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.SupportsMultipartUpload.PartInfo;
import io.tarn.blockstore.spi.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store leaves on disk: objects where the encoding says, nothing half-done, and state that survives a reopen. */
class LocalLayoutTest {
    private static final Location OBJECT = Location.of("local://ns/dir/object");

    @TempDir
    Path root;
    private LocalBlockStore store;

    @BeforeEach
    void open() {
        store = LocalBlockStore.open(new LocalBlockStoreConfig(root));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    @DisplayName("an object is a file at its encoded path, with its ETag in an extended attribute")
    void objectFileLayout() throws IOException {
        ObjectStat stat = put(OBJECT, new byte[] {1, 2, 3});

        Path file = root.resolve("ns%2F").resolve("dir%2F").resolve("object");
        assertThat(file).isRegularFile().hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(ObjectAttributes.etag(file)).isEqualTo(stat.etag());
    }

    @Test
    @DisplayName("a successful put leaves no temporary file")
    void noTemporaryAfterSuccess() throws IOException {
        put(OBJECT, new byte[] {1});

        assertThat(root.resolve(RootDirectory.TEMP)).isEmptyDirectory();
    }

    @Test
    @DisplayName("a failed put leaves no temporary file and no object file")
    void noTemporaryAfterFailure() throws IOException {
        assertThatThrownBy(() -> store.put(OBJECT, new ByteArrayInputStream(new byte[5]), 6, PutOptions.DEFAULT))
                .isInstanceOf(BlockStoreException.class)
                .hasMessageStartingWith("Cannot write 'local://ns/dir/object'");

        assertThat(root.resolve(RootDirectory.TEMP)).isEmptyDirectory();
        assertThat(filesBelow(root)).isEmpty();
    }

    @Test
    @DisplayName("a lost conditional put leaves no temporary file")
    void noTemporaryAfterLostCondition() {
        put(OBJECT, new byte[] {1});

        assertThatThrownBy(() -> store.put(OBJECT, new ByteArrayInputStream(new byte[] {2}), 1, PutOptions.DEFAULT, WriteCondition.ifAbsent()))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(root.resolve(RootDirectory.TEMP)).isEmptyDirectory();
    }

    @Test
    @DisplayName("a completed or aborted multipart upload leaves nothing in .multipart or .tmp")
    void multipartLeavesNothing() {
        String completed = store.createMultipartUpload(OBJECT, PutOptions.DEFAULT);
        PartInfo part = store.uploadPart(OBJECT, completed, 1, new ByteArrayInputStream(new byte[] {1}), 1);
        store.completeMultipartUpload(OBJECT, completed, List.of(new CompletedPart(1, part.etag())));
        String aborted = store.createMultipartUpload(OBJECT, PutOptions.DEFAULT);
        store.uploadPart(OBJECT, aborted, 1, new ByteArrayInputStream(new byte[] {1}), 1);
        store.abortMultipartUpload(OBJECT, aborted);

        assertThat(root.resolve(RootDirectory.MULTIPART)).isEmptyDirectory();
        assertThat(root.resolve(RootDirectory.TEMP)).isEmptyDirectory();
    }

    @Test
    @DisplayName("a copy leaves no temporary file")
    void copyLeavesNothing() {
        put(OBJECT, new byte[] {1});

        store.copy(OBJECT, Location.of("local://ns/copy"));

        assertThat(root.resolve(RootDirectory.TEMP)).isEmptyDirectory();
    }

    @Test
    @DisplayName("deleting the last object below a directory removes the emptied directories")
    void deletePrunesEmptyDirectories() throws IOException {
        put(Location.of("local://ns/a/b/c/d"), new byte[] {1});
        put(Location.of("local://ns/a/keep"), new byte[] {1});

        store.delete(Location.of("local://ns/a/b/c/d"));

        assertThat(root.resolve("ns%2F").resolve("a%2F")).exists();
        assertThat(root.resolve("ns%2F").resolve("a%2F").resolve("b%2F")).doesNotExist();
    }

    @Test
    @DisplayName("a multipart upload is bound to its key: another key cannot use its id")
    void uploadBoundToKey() {
        String uploadId = store.createMultipartUpload(OBJECT, PutOptions.DEFAULT);

        assertThatThrownBy(() -> store.listParts(Location.of("local://ns/other"), uploadId))
                .isInstanceOf(io.tarn.blockstore.spi.NoSuchUploadException.class);
    }

    @Test
    @DisplayName("upload ids with path characters are unknown uploads, and the disk is not touched")
    void pathLikeUploadIds() throws IOException {
        Files.createDirectories(root.resolve("victim"));
        for (String id : List.of("../victim", "..", "/etc", "a/b", "", "0123456789abcdef0123456789ABCDEF")) {
            assertThatThrownBy(() -> store.abortMultipartUpload(OBJECT, id)).as(id).isInstanceOf(io.tarn.blockstore.spi.NoSuchUploadException.class);
        }

        assertThat(root.resolve("victim")).exists();
    }

    @Test
    @DisplayName("a reopened store sees the objects, ETags (multipart too) and checksums written before")
    void reopenSeesEverything() {
        ObjectStat single = store.put(OBJECT, new ByteArrayInputStream(new byte[] {4, 5}), 2, PutOptions.withChecksums(Set.of(ChecksumAlgorithm.SHA256)));
        Location multipart = Location.of("local://ns/multi");
        String uploadId = store.createMultipartUpload(multipart, PutOptions.DEFAULT);
        PartInfo part = store.uploadPart(multipart, uploadId, 1, new ByteArrayInputStream(new byte[] {6}), 1);
        ObjectStat assembled = store.completeMultipartUpload(multipart, uploadId, List.of(new CompletedPart(1, part.etag())));
        String open = store.createMultipartUpload(multipart, PutOptions.DEFAULT);
        store.uploadPart(multipart, open, 3, new ByteArrayInputStream(new byte[] {7}), 1);
        store.close();

        store = LocalBlockStore.open(new LocalBlockStoreConfig(root));

        assertThat(store.stat(OBJECT)).isEqualTo(single);
        assertThat(store.stat(multipart).etag()).isEqualTo(assembled.etag()).endsWith("-1");
        assertThat(store.listParts(multipart, open)).extracting(PartInfo::partNumber).containsExactly(3);
    }

    @Test
    @DisplayName("a file placed by hand gets the MD5 of its bytes as ETag, and is listed and read")
    void handPlacedFile() throws IOException, NoSuchAlgorithmException {
        Path file = root.resolve("ns%2F").resolve("manual");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2, 3});
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(new byte[] {1, 2, 3}));

        assertThat(store.stat(Location.of("local://ns/manual")).etag()).isEqualTo(md5);
        assertThat(store.listAll(Location.of("local://ns")).map(ObjectStat::etag)).containsExactly(md5);
        assertThat(store.get(Location.of("local://ns/manual")).readAllBytes()).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("files the encoding never produces are not listed")
    void foreignFilesNotListed() throws IOException {
        Path directory = root.resolve("ns%2F");
        Files.createDirectories(directory);
        for (String name : List.of(".hidden", "%41", "a b", "x%2f")) {
            Files.write(directory.resolve(name), new byte[] {1});
        }
        put(Location.of("local://ns/real"), new byte[] {1});

        assertThat(store.listAll(Location.of("local://ns")).map(s -> s.location().path())).containsExactly("real");
    }

    @Test
    @DisplayName("opening removes temporary files older than a day and keeps recent ones")
    void staleTemporariesRemoved() throws IOException {
        Path stale = root.resolve(RootDirectory.TEMP).resolve("stale.tmp");
        Path fresh = root.resolve(RootDirectory.TEMP).resolve("fresh.tmp");
        Files.write(stale, new byte[] {1});
        Files.write(fresh, new byte[] {1});
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));

        LocalBlockStore.open(new LocalBlockStoreConfig(root)).close();

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    private ObjectStat put(Location location, byte[] data) {
        return store.put(location, new ByteArrayInputStream(data), data.length, PutOptions.DEFAULT);
    }

    private static List<Path> filesBelow(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
