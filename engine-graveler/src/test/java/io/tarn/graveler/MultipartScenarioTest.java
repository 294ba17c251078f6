package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.BranchName;
import io.tarn.api.ChecksumType;
import io.tarn.api.Entry;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MultipartUpload;
import io.tarn.api.NotFoundException;
import io.tarn.api.ObjectWrite;
import io.tarn.api.PartLayout;
import io.tarn.api.ReadOnlyRefException;
import io.tarn.api.TagName;
import io.tarn.api.UploadedPart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.AbstractMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestRepositoryExtension.class)
class MultipartScenarioTest {
    TestRepository repo;

    @Test
    void aCompletedUploadStagesTheAssembledObjectWithTheS3MultipartEtag() throws Exception {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "big.bin", ObjectWrite.of("application/x-test"));
        UploadedPart p1 = part(upload, 1, "hello ");
        UploadedPart p2 = part(upload, 2, "world");

        Entry entry = repo.engine.completeMultipartUpload(NAME, upload.uploadId(), List.of(ref(p1), ref(p2)), e -> {
        });

        assertThat(repo.read("main", "big.bin")).isEqualTo("hello world");
        assertThat(entry.etag()).isEqualTo(multipartEtag("hello ", "world"));
        assertThat(repo.engine.statObject(NAME, "main", "big.bin").contentType()).isEqualTo("application/x-test");
        assertThat(repo.engine.listMultipartUploads(NAME)).isEmpty();
    }

    @Test
    void partsAreComputedWithTheRequestedChecksumsAndListedInOrder() {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "x", ObjectWrite.of("text/plain"));
        byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);
        UploadedPart second = repo.engine.uploadPart(NAME, upload.uploadId(), 2, new ByteArrayInputStream(bytes), 3, Set.of("CRC32"));
        part(upload, 1, "first");

        assertThat(second.checksums()).containsEntry("CRC32", "NSRBwg==");
        assertThat(repo.engine.listParts(NAME, upload.uploadId())).extracting(UploadedPart::partNumber).containsExactly(1, 2);
    }

    @Test
    void anAbortedUploadIsGoneAndStagesNothing() {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "x", ObjectWrite.of("text/plain"));
        part(upload, 1, "data");

        repo.engine.abortMultipartUpload(NAME, upload.uploadId());

        assertThatThrownBy(() -> repo.engine.listParts(NAME, upload.uploadId())).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(upload.uploadId());
        assertThat(repo.read("main", "x")).isNull();
    }

    @Test
    void aCompletionNamingAWrongEtagIsRefusedAndTheUploadStaysOpen() {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "x", ObjectWrite.of("text/plain"));
        part(upload, 1, "data");

        assertThatThrownBy(() -> repo.engine.completeMultipartUpload(NAME, upload.uploadId(),
                List.of(new AbstractMap.SimpleImmutableEntry<>(1, "00000000000000000000000000000000")), e -> {
                })).isInstanceOf(InvalidArgumentException.class);
        assertThat(repo.engine.listParts(NAME, upload.uploadId())).hasSize(1);
    }

    @Test
    void aRefusalBeforeStagingLeavesTheBranchUntouched() {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "x", ObjectWrite.of("text/plain"));
        UploadedPart p = part(upload, 1, "data");

        assertThatThrownBy(() -> repo.engine.completeMultipartUpload(NAME, upload.uploadId(), List.of(ref(p)), e -> {
            throw new IllegalStateException("refused by the caller");
        })).hasMessage("refused by the caller");
        assertThat(repo.read("main", "x")).isNull();
        repo.engine.completeMultipartUpload(NAME, upload.uploadId(), List.of(ref(p)), e -> {
        });
        assertThat(repo.read("main", "x")).as("the refused upload stayed whole and completes later").isEqualTo("data");
    }

    @Test
    void uploadsToATagAreReadOnly() {
        repo.engine.createTag(NAME, new TagName("v1"), "main");

        assertThatThrownBy(() -> repo.engine.createMultipartUpload(NAME, new BranchName("v1"), "x", ObjectWrite.of("text/plain")))
                .isInstanceOf(ReadOnlyRefException.class).hasMessageContaining("'v1'");
    }

    @Test
    void openUploadsSurviveARestart() {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "x", ObjectWrite.of("text/plain"));
        UploadedPart p = part(upload, 1, "kept");
        repo.close();
        repo = TestRepository.reopen(repo.dir);

        repo.engine.completeMultipartUpload(NAME, upload.uploadId(), List.of(ref(p)), e -> {
        });

        assertThat(repo.read("main", "x")).isEqualTo("kept");
    }

    @Test
    void aCompositeChecksumIsTheChecksumOfThePartChecksumsWithTheirCount() {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "x",
                ObjectWrite.of("text/plain").withChecksums(Set.of("SHA256")));
        UploadedPart p1 = part(upload, 1, "hello ");
        UploadedPart p2 = part(upload, 2, "world");

        Entry entry = repo.engine.completeMultipartUpload(NAME, upload.uploadId(), List.of(ref(p1), ref(p2)), e -> {
        });

        assertThat(p1.checksums()).as("every part gets the upload's algorithm").containsEntry("SHA256", sha256("hello "));
        byte[] both = concat(Base64.getDecoder().decode(sha256("hello ")), Base64.getDecoder().decode(sha256("world")));
        assertThat(entry.checksums()).containsExactly(Map.entry("SHA256", sha256(both) + "-2"));
        assertThat(repo.engine.statObject(NAME, "main", "x").checksums()).isEqualTo(entry.checksums());
    }

    @Test
    void aFullObjectChecksumEqualsTheChecksumOfTheWholeObject() {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "x",
                ObjectWrite.of("text/plain").withChecksums(Set.of("CRC32C")), ChecksumType.FULL_OBJECT);
        UploadedPart p1 = part(upload, 1, "hello ");
        UploadedPart p2 = part(upload, 2, "world");

        Entry entry = repo.engine.completeMultipartUpload(NAME, upload.uploadId(), List.of(ref(p1), ref(p2)), e -> {
        });

        java.util.zip.CRC32C whole = new java.util.zip.CRC32C();
        whole.update("hello world".getBytes(StandardCharsets.UTF_8));
        byte[] expected = java.nio.ByteBuffer.allocate(4).putInt((int) whole.getValue()).array();
        assertThat(entry.checksums()).containsExactly(Map.entry("CRC32C", Base64.getEncoder().encodeToString(expected)));
    }

    @Test
    void checksumTypesThatS3RefusesAreRefused() {
        assertThatThrownBy(() -> repo.engine.createMultipartUpload(NAME, MAIN, "x",
                ObjectWrite.of("text/plain").withChecksums(Set.of("SHA1")), ChecksumType.FULL_OBJECT))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("SHA1").hasMessageContaining("COMPOSITE");
        assertThatThrownBy(() -> repo.engine.createMultipartUpload(NAME, MAIN, "x",
                ObjectWrite.of("text/plain").withChecksums(Set.of("CRC64NVME")), ChecksumType.COMPOSITE))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("FULL_OBJECT");
    }

    @Test
    void theEntryKeepsItsPartSizesSoAPartCanBeReadBack() {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "x", ObjectWrite.of("text/plain"));
        UploadedPart p1 = part(upload, 1, "aaaa");
        UploadedPart p2 = part(upload, 2, "bbbb");
        UploadedPart p3 = part(upload, 3, "cc");

        Entry entry = repo.engine.completeMultipartUpload(NAME, upload.uploadId(), List.of(ref(p1), ref(p2), ref(p3)), e -> {
        });

        PartLayout layout = PartLayout.of(repo.engine.statObject(NAME, "main", "x"));
        assertThat(layout.count()).isEqualTo(3);
        assertThat(layout.span(2)).containsExactly(4, 4);
        assertThat(layout.span(3)).containsExactly(8, 2);
        assertThat(entry.userMetadata()).containsEntry(PartLayout.KEY, "4*2,2");
    }

    @Test
    void aCompletionNamingAPartNeverUploadedIsRefused() {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "x", ObjectWrite.of("text/plain"));
        UploadedPart p1 = part(upload, 1, "data");

        assertThatThrownBy(() -> repo.engine.completeMultipartUpload(NAME, upload.uploadId(),
                List.of(ref(p1), new AbstractMap.SimpleImmutableEntry<>(2, p1.etag())), e -> {
                })).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no part 2");
    }

    @Test
    void listedPartsCarryTheirChecksumsAndACompletedUploadLeavesNoPartRecords() {
        MultipartUpload upload = repo.engine.createMultipartUpload(NAME, MAIN, "x", ObjectWrite.of("text/plain").withChecksums(Set.of("CRC32")));
        UploadedPart p1 = part(upload, 1, "abc");

        assertThat(repo.engine.listParts(NAME, upload.uploadId())).singleElement()
                .satisfies(p -> assertThat(p.checksums()).containsEntry("CRC32", "NSRBwg=="));
        repo.engine.completeMultipartUpload(NAME, upload.uploadId(), List.of(ref(p1)), e -> {
        });

        assertThat(repo.metaKeysContaining("/p/" + upload.uploadId())).isEmpty();
    }

    private UploadedPart part(MultipartUpload upload, int n, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return repo.engine.uploadPart(NAME, upload.uploadId(), n, new ByteArrayInputStream(bytes), bytes.length, Set.of());
    }

    private static Map.Entry<Integer, String> ref(UploadedPart p) {
        return new AbstractMap.SimpleImmutableEntry<>(p.partNumber(), p.etag());
    }

    private static String multipartEtag(String... parts) throws Exception {
        MessageDigest all = MessageDigest.getInstance("MD5");
        for (String p : parts) {
            all.update(MessageDigest.getInstance("MD5").digest(p.getBytes(StandardCharsets.UTF_8)));
        }
        return HexFormat.of().formatHex(all.digest()) + "-" + parts.length;
    }

    private static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
