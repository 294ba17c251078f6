package io.tarn.blockstore.spi;

import static io.tarn.blockstore.spi.BlockStoreFixture.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.SupportsMultipartUpload.PartInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S3-style multipart uploads, tested when the store offers {@link Capability#MULTIPART_UPLOAD}. Parts
 * that are not last are 5 MiB, S3's minimum, so that the tests hold on real S3. Part of
 * {@link AbstractBlockStoreContractTest}.
 */
public interface MultipartUploadContract extends BlockStoreFixture {
    int PART = 5 << 20;
    String UNKNOWN_UPLOAD = "tarn-contract-no-such-upload";

    private SupportsMultipartUpload multipart() {
        assumeCapability(Capability.MULTIPART_UPLOAD);
        return store().require(Capability.MULTIPART_UPLOAD, SupportsMultipartUpload.class);
    }

    private static byte[] part(int number, int size) {
        return DeterministicBytes.bytes(40 + number, size);
    }

    private static PartInfo upload(SupportsMultipartUpload multipart, Location location, String uploadId, int number, byte[] data) {
        return multipart.uploadPart(location, uploadId, number, new ByteArrayInputStream(data), data.length);
    }

    /** Parts 3 (short, last), 1 and 2 uploaded in that order. */
    private static List<byte[]> uploadThreePartsOutOfOrder(SupportsMultipartUpload multipart, Location location, String uploadId) {
        List<byte[]> parts = List.of(part(1, PART), part(2, PART), part(3, 12_345));
        for (int number : new int[] {3, 1, 2}) {
            upload(multipart, location, uploadId, number, parts.get(number - 1));
        }
        return parts;
    }

    @Test
    @DisplayName("parts uploaded out of order list in ascending part order with their ETags and sizes")
    default void listPartsAscending() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        List<byte[]> parts = uploadThreePartsOutOfOrder(multipart, at("mpu"), uploadId);

        List<PartInfo> listed = multipart.listParts(at("mpu"), uploadId);

        assertThat(listed).containsExactly(
                new PartInfo(1, Digests.md5Hex(parts.get(0)), PART),
                new PartInfo(2, Digests.md5Hex(parts.get(1)), PART),
                new PartInfo(3, Digests.md5Hex(parts.get(2)), 12_345));
    }

    @Test
    @DisplayName("uploadPart returns the part's number, MD5 ETag and size, also with its length unknown")
    default void uploadPartReportsThePart() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        byte[] data = part(1, 4321);

        PartInfo info = multipart.uploadPart(at("mpu"), uploadId, 1, new ByteArrayInputStream(data), -1);

        assertThat(info).isEqualTo(new PartInfo(1, Digests.md5Hex(data), 4321));
    }

    @Test
    @DisplayName("completing concatenates the parts in part order, with S3's multipart ETag md5(part md5s)-N")
    default void completeConcatenates() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        List<byte[]> parts = uploadThreePartsOutOfOrder(multipart, at("mpu"), uploadId);
        List<CompletedPart> completion = List.of(
                new CompletedPart(1, Digests.md5Hex(parts.get(0))),
                new CompletedPart(2, Digests.md5Hex(parts.get(1))),
                new CompletedPart(3, Digests.md5Hex(parts.get(2))));

        ObjectStat completed = multipart.completeMultipartUpload(at("mpu"), uploadId, completion);

        String expectedEtag = Digests.multipartEtag(parts);
        assertThat(completed.etag()).isEqualTo(expectedEtag).endsWith("-3");
        assertThat(completed.size()).isEqualTo(2L * PART + 12_345);
        assertSameBytes(read(at("mpu")), concat(parts));
        ObjectStat stat = store().stat(at("mpu"));
        assertThat(stat.etag()).isEqualTo(expectedEtag);
        assertThat(stat.size()).isEqualTo(completed.size());
        assertThat(store().list(namespace().resolve(""), null, 10).objects()).singleElement()
                .satisfies(listed -> assertThat(listed.etag()).isEqualTo(expectedEtag));
    }

    @Test
    @DisplayName("the object does not exist before the upload completes")
    default void invisibleUntilComplete() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        upload(multipart, at("mpu"), uploadId, 1, part(1, 100));

        assertThatThrownBy(() -> store().stat(at("mpu"))).isInstanceOf(ObjectNotFoundException.class);
        assertThat(keysIn(namespace())).isEmpty();
    }

    @Test
    @DisplayName("completing replaces an existing object at the location")
    default void completeReplaces() {
        SupportsMultipartUpload multipart = multipart();
        put(at("mpu"), new byte[] {1, 2, 3});
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        byte[] data = part(1, 1000);
        PartInfo info = upload(multipart, at("mpu"), uploadId, 1, data);

        multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(new CompletedPart(1, info.etag())));

        assertThat(read(at("mpu"))).isEqualTo(data);
    }

    @Test
    @DisplayName("uploading a part number again replaces that part")
    default void reuploadReplaces() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        upload(multipart, at("mpu"), uploadId, 1, part(1, 2000));
        byte[] replacement = part(9, 1500);

        PartInfo info = upload(multipart, at("mpu"), uploadId, 1, replacement);

        assertThat(multipart.listParts(at("mpu"), uploadId)).containsExactly(new PartInfo(1, Digests.md5Hex(replacement), 1500));
        multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(new CompletedPart(1, info.etag())));
        assertThat(read(at("mpu"))).isEqualTo(replacement);
    }

    @Test
    @DisplayName("an aborted upload is gone: every later call is NoSuchUploadException and no object appears")
    default void abortDiscards() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        PartInfo info = upload(multipart, at("mpu"), uploadId, 1, part(1, 100));

        multipart.abortMultipartUpload(at("mpu"), uploadId);

        assertThatThrownBy(() -> multipart.listParts(at("mpu"), uploadId)).isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> upload(multipart, at("mpu"), uploadId, 2, part(2, 100))).isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(new CompletedPart(1, info.etag()))))
                .isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> store().stat(at("mpu"))).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    @DisplayName("a completed upload is gone: completing or listing it again is NoSuchUploadException")
    default void completedIsGone() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        PartInfo info = upload(multipart, at("mpu"), uploadId, 1, part(1, 100));
        multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(new CompletedPart(1, info.etag())));

        assertThatThrownBy(() -> multipart.listParts(at("mpu"), uploadId)).isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(new CompletedPart(1, info.etag()))))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    @DisplayName("an unknown upload id is NoSuchUploadException for every call, naming the id")
    default void unknownUpload() {
        SupportsMultipartUpload multipart = multipart();

        assertThatThrownBy(() -> multipart.listParts(at("mpu"), UNKNOWN_UPLOAD))
                .isInstanceOfSatisfying(NoSuchUploadException.class, e -> assertThat(e.uploadId()).isEqualTo(UNKNOWN_UPLOAD))
                .hasMessageContaining(UNKNOWN_UPLOAD);
        assertThatThrownBy(() -> upload(multipart, at("mpu"), UNKNOWN_UPLOAD, 1, part(1, 10))).isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> multipart.completeMultipartUpload(at("mpu"), UNKNOWN_UPLOAD, List.of(new CompletedPart(1, "0".repeat(32)))))
                .isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> multipart.abortMultipartUpload(at("mpu"), UNKNOWN_UPLOAD)).isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    @DisplayName("completing with a wrong ETag is InvalidPartException and the upload stays open")
    default void wrongEtag() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        byte[] data = part(1, 1000);
        PartInfo info = upload(multipart, at("mpu"), uploadId, 1, data);

        assertThatThrownBy(() -> multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(new CompletedPart(1, Digests.md5Hex(new byte[] {7})))))
                .isInstanceOfSatisfying(InvalidPartException.class, e -> assertThat(e.orderViolated()).isFalse());

        assertThat(multipart.listParts(at("mpu"), uploadId)).hasSize(1);
        multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(new CompletedPart(1, info.etag())));
        assertThat(read(at("mpu"))).isEqualTo(data);
    }

    @Test
    @DisplayName("completing with a part that was never uploaded is InvalidPartException and the upload stays open")
    default void unknownPart() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        PartInfo info = upload(multipart, at("mpu"), uploadId, 1, part(1, 1000));

        assertThatThrownBy(() -> multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(new CompletedPart(2, info.etag()))))
                .isInstanceOfSatisfying(InvalidPartException.class, e -> assertThat(e.orderViolated()).isFalse());

        assertThat(multipart.listParts(at("mpu"), uploadId)).extracting(PartInfo::partNumber).containsExactly(1);
        multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(new CompletedPart(1, info.etag())));
    }

    @Test
    @DisplayName("completing with parts in descending order is InvalidPartException with orderViolated, upload still open")
    default void descendingOrder() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        PartInfo one = upload(multipart, at("mpu"), uploadId, 1, part(1, PART));
        PartInfo two = upload(multipart, at("mpu"), uploadId, 2, part(2, PART));

        assertThatThrownBy(() -> multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(
                new CompletedPart(2, two.etag()), new CompletedPart(1, one.etag()))))
                .isInstanceOfSatisfying(InvalidPartException.class, e -> assertThat(e.orderViolated()).isTrue());

        ObjectStat completed = multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(
                new CompletedPart(1, one.etag()), new CompletedPart(2, two.etag())));
        assertThat(completed.size()).isEqualTo(2L * PART);
    }

    @Test
    @DisplayName("completing with a part listed twice is InvalidPartException with orderViolated")
    default void repeatedPart() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);
        PartInfo one = upload(multipart, at("mpu"), uploadId, 1, part(1, PART));

        assertThatThrownBy(() -> multipart.completeMultipartUpload(at("mpu"), uploadId, List.of(
                new CompletedPart(1, one.etag()), new CompletedPart(1, one.etag()))))
                .isInstanceOfSatisfying(InvalidPartException.class, e -> assertThat(e.orderViolated()).isTrue());
    }

    @ParameterizedTest(name = "part number {0} is IllegalArgumentException")
    @ValueSource(ints = {0, -1, 10_001})
    default void partNumberOutOfRange(int number) {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);

        assertThatThrownBy(() -> upload(multipart, at("mpu"), uploadId, number, part(1, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Integer.toString(number));
        assertThat(multipart.listParts(at("mpu"), uploadId)).isEmpty();
    }

    @Test
    @DisplayName("part numbers 1 and 10,000 are both accepted")
    default void partNumberBounds() {
        SupportsMultipartUpload multipart = multipart();
        String uploadId = multipart.createMultipartUpload(at("mpu"), PutOptions.DEFAULT);

        upload(multipart, at("mpu"), uploadId, SupportsMultipartUpload.MAX_PART_NUMBER, part(2, 10));
        upload(multipart, at("mpu"), uploadId, 1, part(1, 10));

        assertThat(multipart.listParts(at("mpu"), uploadId)).extracting(PartInfo::partNumber).containsExactly(1, 10_000);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
