package io.tarn.blockstore.s3;

import io.tarn.blockstore.spi.AbstractBlockStoreContractTest;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.Location;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The blockstore contract against a real moto_server, serialized so that its conditional writes are
 * atomic (see {@link MotoServer.Mode#SERIALIZED}).
 */
class S3BlockStoreContractTest extends AbstractBlockStoreContractTest {
    private static final String BUCKET = "tarn-contract";

    @RegisterExtension
    static final MotoExtension MOTO = new MotoExtension(MotoServer.Mode.SERIALIZED, BUCKET);

    @Override
    protected BlockStore openStore() {
        return S3BlockStore.open(new S3BlockStoreConfig(MOTO.endpoint(), "us-east-1", true, "test-key", "test-secret",
                Duration.ofSeconds(120), 3, S3BlockStoreConfig.MAX_PART_SIZE, S3BlockStoreConfig.DEFAULT_PART_SIZE));
    }

    @Override
    protected Location baseLocation() {
        return Location.of("s3://" + BUCKET + "/contract");
    }
}
