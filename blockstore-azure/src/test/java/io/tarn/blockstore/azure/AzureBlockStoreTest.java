package io.tarn.blockstore.azure;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.SupportsMultipartUpload.PartInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the contract kit does not reach: location forms, credentials, block boundaries and error messages, against Azurite. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureBlockStoreTest {
    private static final int BLOCK = BlobWriter.BLOCK_SIZE;
    @RegisterExtension
    static final Azurite AZURITE = new Azurite();
    private AzureBlockStore store;
    private String prefix;

    @BeforeAll
    void open() {
        AZURITE.createContainer("plugin");
        store = AzureBlockStore.open(AZURITE.config());
    }

    @AfterAll
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private Location az(String key) {
        if (prefix == null) {
            prefix = "t-" + UUID.randomUUID();
        }
        return Location.of("az://" + Azurite.ACCOUNT + "/plugin/" + prefix + "/" + key);
    }

    private static byte[] bytes(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    private static byte[] read(BlockStore store, Location location) {
        try (InputStream in = store.get(location)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("an https://<account>.blob.core.windows.net location names the same blob as az://, and lists in its own form")
    void httpsLocations() {
        Location azLocation = az("both/forms");
        String path = azLocation.path();
        Location https = Location.of("https://" + Azurite.ACCOUNT + ".blob.core.windows.net/" + path);
        byte[] data = "written through https form".getBytes(UTF_8);

        store.put(https, new ByteArrayInputStream(data), data.length, PutOptions.DEFAULT);

        assertThat(read(store, azLocation)).isEqualTo(data);
        Location httpsPrefix = Location.of("https://" + Azurite.ACCOUNT + ".blob.core.windows.net/" + path.substring(0, path.lastIndexOf('/') + 1));
        assertThat(store.list(httpsPrefix, null, 10).objects()).extracting(ObjectStat::location).containsExactly(https);
    }

    @ParameterizedTest(name = "a put of {0} bytes (around the {1}-byte block) reads back with its MD5 ETag, length known and unknown")
    @ValueSource(ints = {BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 2 * BLOCK + 7})
    void blockBoundaries(int size) throws Exception {
        byte[] data = bytes(size, size);

        ObjectStat known = store.put(az("known-" + size), new ByteArrayInputStream(data), size, PutOptions.DEFAULT);
        ObjectStat unknown = store.put(az("unknown-" + size), new ByteArrayInputStream(data), -1, PutOptions.DEFAULT);

        assertThat(known.etag()).isEqualTo(md5(data));
        assertThat(unknown.etag()).isEqualTo(md5(data));
        assertThat(read(store, az("known-" + size))).isEqualTo(data);
        assertThat(read(store, az("unknown-" + size))).isEqualTo(data);
        assertThat(store.stat(az("unknown-" + size)).size()).isEqualTo(size);
    }

    @Test
    @DisplayName("parts spanning several blocks and an empty last part complete to the concatenation with the S3 ETag")
    void multiBlockAndEmptyParts() throws Exception {
        byte[] one = bytes(1, 2 * BLOCK + 3);
        byte[] two = bytes(2, BLOCK);
        byte[] three = new byte[0];
        String uploadId = store.createMultipartUpload(az("mpu"), new PutOptions(Set.of(), "text/csv"));

        PartInfo p1 = store.uploadPart(az("mpu"), uploadId, 1, new ByteArrayInputStream(one), -1);
        PartInfo p2 = store.uploadPart(az("mpu"), uploadId, 2, new ByteArrayInputStream(two), two.length);
        PartInfo p3 = store.uploadPart(az("mpu"), uploadId, 3, new ByteArrayInputStream(three), 0);

        assertThat(store.listParts(az("mpu"), uploadId)).containsExactly(p1, p2, p3);
        assertThat(p3.size()).isZero();
        ObjectStat done = store.completeMultipartUpload(az("mpu"), uploadId,
                List.of(new CompletedPart(1, p1.etag()), new CompletedPart(2, p2.etag()), new CompletedPart(3, p3.etag())));
        byte[] whole = new byte[one.length + two.length];
        System.arraycopy(one, 0, whole, 0, one.length);
        System.arraycopy(two, 0, whole, one.length, two.length);
        assertThat(done.etag()).isEqualTo(SupportsMultipartUpload.multipartEtag(List.of(md5(one), md5(two), md5(three))));
        assertThat(done.size()).isEqualTo(whole.length);
        assertThat(read(store, az("mpu"))).isEqualTo(whole);
        assertThat(AZURITE.serviceClient().getBlobContainerClient("plugin").getBlobClient(az("mpu").path().substring("plugin/".length()))
                .getProperties().getContentType()).isEqualTo("text/csv");
    }

    @Test
    @DisplayName("a store opened with an account SAS token reads, writes, lists and copies")
    void sasTokenStore() {
        BlockStoreConfig config = new BlockStoreConfig("azure", Map.of("account-name", Azurite.ACCOUNT, "sas-token", AZURITE.accountSasToken(),
                "endpoint", AZURITE.endpoint().toString()));
        try (AzureBlockStore sas = AzureBlockStore.open(AzureBlockStoreConfig.from(config))) {
            byte[] data = "via sas".getBytes(UTF_8);
            sas.put(az("sas/one"), new ByteArrayInputStream(data), data.length, PutOptions.DEFAULT);
            sas.copy(az("sas/one"), az("sas/two"));

            assertThat(read(sas, az("sas/two"))).isEqualTo(data);
            assertThat(sas.list(az("sas/"), null, 10).objects()).hasSize(2);
        }
    }

    @Test
    @DisplayName("a store opened with a connection string reaches its BlobEndpoint")
    void connectionStringStore() {
        String connection = "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey=" + Azurite.ACCOUNT_KEY + ";BlobEndpoint=" + AZURITE.endpoint() + ";";
        try (BlockStore cs = new AzureBlockStoreProvider().open(new BlockStoreConfig("azure", Map.of("connection-string", connection)))) {
            byte[] data = {4, 2};
            cs.put(az("cs"), new ByteArrayInputStream(data), 2, PutOptions.DEFAULT);

            assertThat(read(store, az("cs"))).isEqualTo(data);
        }
    }

    @Test
    @DisplayName("writing to a missing container fails naming azure, account, container, key and the service's error")
    void missingContainer() {
        Location location = Location.of("az://" + Azurite.ACCOUNT + "/no-such-container/some/key");

        assertThatThrownBy(() -> store.put(location, new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT))
                .isExactlyInstanceOf(BlockStoreException.class)
                .hasMessageStartingWith("Cannot write '" + location + "'")
                .hasMessageContaining("azure account '" + Azurite.ACCOUNT + "', container 'no-such-container', key 'some/key'")
                .hasMessageContaining("ContainerNotFound");
        assertThatThrownBy(() -> store.stat(location)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.list(Location.of("az://" + Azurite.ACCOUNT + "/no-such-container/"), null, 5).objects()).isEmpty();
    }

    @Test
    @DisplayName("a wrong account key fails with the service's 403, naming the backend and never showing the key")
    void wrongKey() {
        String wrongKey = Base64.getEncoder().encodeToString("not the azurite key at all".getBytes(UTF_8));
        Map<String, String> properties = new HashMap<>(AZURITE.properties());
        properties.put("account-key", wrongKey);
        try (AzureBlockStore wrong = AzureBlockStore.open(AzureBlockStoreConfig.from(new BlockStoreConfig("azure", properties)))) {
            assertThatThrownBy(() -> wrong.stat(az("anything")))
                    .isExactlyInstanceOf(BlockStoreException.class)
                    .hasMessageContaining("azure account '" + Azurite.ACCOUNT + "'")
                    .hasMessageContaining("status 403")
                    .hasMessageNotContaining(wrongKey);
        }
    }

    @Test
    @DisplayName("blobs written by others without Tarn's metadata report Azure's Content-MD5 as ETag")
    void foreignBlobEtag() throws Exception {
        byte[] data = "written by another client".getBytes(UTF_8);
        AZURITE.serviceClient().getBlobContainerClient("plugin").getBlobClient(az("foreign").path().substring("plugin/".length()))
                .upload(BinaryData.fromBytes(data));

        assertThat(store.stat(az("foreign")).etag()).isEqualTo(md5(data));
        assertThat(store.list(az("foreign"), null, 1).objects().get(0).etag()).isEqualTo(md5(data));
    }
}
