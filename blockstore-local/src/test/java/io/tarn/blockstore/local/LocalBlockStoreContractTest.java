package io.tarn.blockstore.local;

import io.tarn.blockstore.spi.AbstractBlockStoreContractTest;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.Location;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blockstore contract, against a store in a temporary directory with its presigned-URL endpoint
 * on loopback, so that every suite of the kit runs and none is skipped.
 */
class LocalBlockStoreContractTest extends AbstractBlockStoreContractTest {
    @TempDir
    static Path root;

    @Override
    protected BlockStore openStore() {
        return LocalBlockStore.open(LocalBlockStoreConfig.from(new BlockStoreConfig("local",
                Map.of("root", root.resolve("blocks").toString(), "presign-listen", "127.0.0.1:0"))));
    }

    @Override
    protected Location baseLocation() {
        return Location.of("local://contract");
    }
}
