package io.tarn.blockstore.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.SupportsMultipartUpload.PartInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Multipart uploads beyond one compose request and what they leave behind; reads pinned to a generation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsComposeTest {
    private static final String BUCKET = "tarn-compose";

    @RegisterExtension
    static final FakeGcsServer GCS = new FakeGcsServer(BUCKET);

    @TempDir
    static Path keys;

    private GcsBlockStore store;

    @BeforeAll
    void open() {
        store = (GcsBlockStore) new GcsBlockStoreProvider().open(GcsBlockStoreContractTest.emulatorConfig(GCS, TestServiceAccount.create(keys).file()));
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    @DisplayName("70 parts compose in levels (32 per request) into one object with S3's ETag, and no part object is left")
    void manyPartsComposeInLevels() throws Exception {
        Location target = Location.of("gs://" + BUCKET + "/big/object");
        String uploadId = store.createMultipartUpload(target, PutOptions.DEFAULT);
        Random random = new Random(70);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        List<CompletedPart> completion = new ArrayList<>();
        MessageDigest md5s = MessageDigest.getInstance("MD5");
        for (int number = 1; number <= 70; number++) {
            byte[] part = new byte[1000 + random.nextInt(1000)];
            random.nextBytes(part);
            whole.writeBytes(part);
            PartInfo info = store.uploadPart(target, uploadId, number, new ByteArrayInputStream(part), part.length);
            completion.add(new CompletedPart(number, info.etag()));
            md5s.update(MessageDigest.getInstance("MD5").digest(part));
        }
        assertThat(listed(Location.of("gs://" + BUCKET + "/"))).as("open parts are hidden from listings").isEmpty();

        ObjectStat completed = store.completeMultipartUpload(target, uploadId, completion);

        String expected = HexFormat.of().formatHex(md5s.digest()) + "-70";
        assertThat(completed.etag()).isEqualTo(expected);
        assertThat(store.stat(target).etag()).isEqualTo(expected);
        assertThat(store.get(target).readAllBytes()).isEqualTo(whole.toByteArray());
        assertThat(listed(Location.of("gs://" + BUCKET + "/" + GcsMultipartUploads.RESERVED_PREFIX)))
                .as("part and intermediate objects after completion").isEmpty();
        assertThat(listed(Location.of("gs://" + BUCKET + "/"))).containsExactly("big/object");
    }

    @Test
    @DisplayName("abort removes the part objects")
    void abortCleansUp() {
        Location target = Location.of("gs://" + BUCKET + "/aborted");
        SupportsMultipartUpload multipart = store;
        String uploadId = multipart.createMultipartUpload(target, PutOptions.DEFAULT);
        multipart.uploadPart(target, uploadId, 1, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);

        multipart.abortMultipartUpload(target, uploadId);

        assertThat(listed(Location.of("gs://" + BUCKET + "/" + GcsMultipartUploads.RESERVED_PREFIX + uploadId))).isEmpty();
    }

    @Test
    @DisplayName("a read opened before an overwrite fails naming gcs instead of returning bytes of the new object")
    void readPinsTheGeneration() throws Exception {
        Location location = Location.of("gs://" + BUCKET + "/pinned");
        store.put(location, new ByteArrayInputStream(new byte[] {1, 1, 1}), 3, PutOptions.DEFAULT);

        try (InputStream in = store.get(location)) {
            store.put(location, new ByteArrayInputStream(new byte[] {2, 2, 2, 2}), 4, PutOptions.DEFAULT);

            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("from gcs (bucket '" + BUCKET + "', key 'pinned')");
        }
        assertThat(store.get(location).readAllBytes()).containsExactly(2, 2, 2, 2);
    }

    private List<String> listed(Location prefix) {
        BlockStore plain = store;
        return plain.list(prefix, null, 1000).objects().stream().map(s -> s.location().path()).toList();
    }
}
