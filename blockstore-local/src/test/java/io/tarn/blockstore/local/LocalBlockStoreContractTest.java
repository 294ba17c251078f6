package io.tarn.blockstore.local;

import io.tarn.blockstore.spi.AbstractBlockStoreContractTest;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.Location;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The blockstore contract, against a store in a temporary directory. */
class LocalBlockStoreContractTest extends AbstractBlockStoreContractTest {
    @TempDir
    static Path root;

    @Override
    protected BlockStore openStore() {
        return LocalBlockStore.open(new LocalBlockStoreConfig(root.resolve("blocks")));
    }

    @Override
    protected Location baseLocation() {
        return Location.of("local://contract");
    }
}
