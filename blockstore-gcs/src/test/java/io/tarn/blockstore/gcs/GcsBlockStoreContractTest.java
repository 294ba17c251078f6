package io.tarn.blockstore.gcs;

import io.tarn.blockstore.spi.AbstractBlockStoreContractTest;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.Location;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blockstore contract, every case, against fake-gcs-server on 127.0.0.1, with a generated
 * service-account key that signs the presigned URLs.
 */
class GcsBlockStoreContractTest extends AbstractBlockStoreContractTest {
    static final String BUCKET = "tarn-contract";

    @RegisterExtension
    static final FakeGcsServer GCS = new FakeGcsServer(BUCKET);

    @TempDir
    static Path keys;

    /** The emulator's settings; the key signs URLs only (anonymous requests). */
    static BlockStoreConfig emulatorConfig(FakeGcsServer gcs, Path keyFile) {
        return new BlockStoreConfig("gcs", Map.of(
                "project-id", FakeGcsServer.PROJECT,
                "endpoint", gcs.endpoint(),
                "anonymous", "true",
                "credentials-file", keyFile.toString(),
                "timeout", "60s",
                "max-retries", "3",
                // Larger chunks than the default: the emulator re-hashes everything received on each chunk.
                "upload-chunk-size", Integer.toString(64 << 20)));
    }

    @Override
    protected BlockStore openStore() {
        return new GcsBlockStoreProvider().open(emulatorConfig(GCS, TestServiceAccount.create(keys).file()));
    }

    @Override
    protected Location baseLocation() {
        return Location.of("gs://" + BUCKET + "/contract");
    }
}
