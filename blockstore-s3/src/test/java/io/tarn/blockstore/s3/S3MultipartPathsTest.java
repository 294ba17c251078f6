package io.tarn.blockstore.s3;

import static io.tarn.blockstore.spi.BlockStoreFixture.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.DeterministicBytes;
import io.tarn.blockstore.spi.Digests;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.SupportsMultipartUpload.PartInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The size switches the contract kit does not see: multipart copy above a small configured
 * threshold, multipart put above the part size, and parts of unknown or large length. Part size
 * and copy threshold are both S3's minimum, 5 MiB, to keep the objects small.
 */
class S3MultipartPathsTest {
    private static final int MIB = 1 << 20;
    private static final int LIMIT = 5 * MIB;
    private static final String BUCKET = "tarn-paths";

    @RegisterExtension
    static final MotoExtension MOTO = new MotoExtension(MotoServer.Mode.THREADED, BUCKET);

    private static S3BlockStore store;

    @BeforeAll
    static void open() {
        store = S3BlockStore.open(new S3BlockStoreConfig(MOTO.endpoint(), "us-east-1", true, "test-key", "test-secret",
                Duration.ofSeconds(60), 3, LIMIT, LIMIT));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Location at(String key) {
        return Location.of("s3://" + BUCKET + "/" + key);
    }

    private static byte[] read(Location location) {
        try (InputStream in = store.get(location)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("a copy of an object at the threshold is one CopyObject: the copy's ETag is the MD5")
    void copyAtThresholdIsSingle() {
        byte[] data = DeterministicBytes.bytes(1, LIMIT);
        store.put(at("copy/at-threshold"), new ByteArrayInputStream(data), data.length, PutOptions.DEFAULT);

        ObjectStat copy = store.copy(at("copy/at-threshold"), at("copy/at-threshold-copy"));

        assertThat(copy.etag()).isEqualTo(Digests.md5Hex(data));
        assertSameBytes(read(at("copy/at-threshold-copy")), data);
    }

    @Test
    @DisplayName("a copy above the threshold is a multipart copy in threshold-sized parts, with checksums and bytes intact")
    void copyAboveThresholdIsMultipart() {
        byte[] data = DeterministicBytes.bytes(2, LIMIT + 1000);
        ObjectStat source = store.put(at("copy/above"), new ByteArrayInputStream(data), -1, PutOptions.withChecksums(Set.of(ChecksumAlgorithm.SHA256)));

        ObjectStat copy = store.copy(at("copy/above"), at("copy/above-copy"));

        List<byte[]> parts = List.of(Arrays.copyOfRange(data, 0, LIMIT), Arrays.copyOfRange(data, LIMIT, data.length));
        assertThat(copy.etag()).isEqualTo(Digests.multipartEtag(parts)).endsWith("-2");
        assertThat(copy.size()).isEqualTo(data.length);
        assertSameBytes(read(at("copy/above-copy")), data);
        assertThat(store.stat(at("copy/above-copy")).etag()).isEqualTo(copy.etag());
        assertThat(source.checksums()).containsKey(ChecksumAlgorithm.SHA256);
    }

    @Test
    @DisplayName("recorded checksums travel with a CopyObject copy")
    void checksumsTravelWithCopy() {
        byte[] data = DeterministicBytes.bytes(3, 1000);
        ObjectStat source = store.put(at("copy/checked"), new ByteArrayInputStream(data), data.length, PutOptions.withChecksums(Set.of(ChecksumAlgorithm.CRC32C)));

        store.copy(at("copy/checked"), at("copy/checked-copy"));

        assertThat(store.stat(at("copy/checked-copy")).checksums()).containsEntry(ChecksumAlgorithm.CRC32C, source.checksums().get(ChecksumAlgorithm.CRC32C));
    }

    @Test
    @DisplayName("an object of unknown length above the part size goes up in parts: put returns the MD5, S3 keeps md5(part md5s)-N")
    void unknownLengthAbovePartSizeIsMultipart() {
        byte[] data = DeterministicBytes.bytes(4, 2 * LIMIT + 7);

        ObjectStat written = store.put(at("put/large"), new ByteArrayInputStream(data), -1, PutOptions.DEFAULT);

        assertThat(written.etag()).isEqualTo(Digests.md5Hex(data));
        assertThat(written.size()).isEqualTo(data.length);
        List<byte[]> parts = List.of(Arrays.copyOfRange(data, 0, LIMIT), Arrays.copyOfRange(data, LIMIT, 2 * LIMIT),
                Arrays.copyOfRange(data, 2 * LIMIT, data.length));
        assertThat(store.stat(at("put/large")).etag()).isEqualTo(Digests.multipartEtag(parts));
        assertSameBytes(read(at("put/large")), data);
    }

    @Test
    @DisplayName("a stream shorter than announced fails a multipart put, leaving the previous object")
    void shortStreamFailsMultipartPut() {
        byte[] previous = DeterministicBytes.bytes(5, 10);
        store.put(at("put/short"), new ByteArrayInputStream(previous), previous.length, PutOptions.DEFAULT);
        byte[] data = DeterministicBytes.bytes(6, 2 * LIMIT);

        assertThatThrownBy(() -> store.put(at("put/short"), new ByteArrayInputStream(data), 2L * LIMIT + 1, PutOptions.DEFAULT))
                .isInstanceOf(BlockStoreException.class)
                .hasMessageContaining("'s3://" + BUCKET + "/put/short'");

        assertThat(read(at("put/short"))).isEqualTo(previous);
    }

    @Test
    @DisplayName("parts above the part size, of unknown (spilled to disk) and of known length (streamed), report their MD5 and assemble")
    void largePartsOfUnknownAndKnownLength() {
        byte[] first = DeterministicBytes.bytes(7, LIMIT + 3);
        byte[] second = DeterministicBytes.bytes(8, LIMIT + 5);
        String uploadId = store.createMultipartUpload(at("mpu/large-parts"), PutOptions.DEFAULT);

        PartInfo one = store.uploadPart(at("mpu/large-parts"), uploadId, 1, new ByteArrayInputStream(first), -1);
        PartInfo two = store.uploadPart(at("mpu/large-parts"), uploadId, 2, new ByteArrayInputStream(second), second.length);

        assertThat(one).isEqualTo(new PartInfo(1, Digests.md5Hex(first), first.length));
        assertThat(two).isEqualTo(new PartInfo(2, Digests.md5Hex(second), second.length));
        ObjectStat completed = store.completeMultipartUpload(at("mpu/large-parts"), uploadId,
                List.of(new CompletedPart(1, one.etag()), new CompletedPart(2, two.etag())));
        assertThat(completed.etag()).isEqualTo(Digests.multipartEtag(List.of(first, second)));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertSameBytes(read(at("mpu/large-parts")), both);
    }

    @Test
    @DisplayName("a streamed part longer than announced fails and is not stored")
    void overlongStreamedPart() {
        byte[] data = DeterministicBytes.bytes(9, LIMIT + 10);
        String uploadId = store.createMultipartUpload(at("mpu/overlong"), PutOptions.DEFAULT);

        assertThatThrownBy(() -> store.uploadPart(at("mpu/overlong"), uploadId, 1, new ByteArrayInputStream(data), LIMIT + 9))
                .isInstanceOf(BlockStoreException.class);

        assertThat(store.listParts(at("mpu/overlong"), uploadId)).isEmpty();
        store.abortMultipartUpload(at("mpu/overlong"), uploadId);
        assertThatThrownBy(() -> store.stat(at("mpu/overlong"))).isInstanceOf(ObjectNotFoundException.class);
    }
}
