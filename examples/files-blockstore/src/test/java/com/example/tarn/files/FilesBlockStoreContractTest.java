package com.example.tarn.files;

import io.tarn.blockstore.spi.AbstractBlockStoreContractTest;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.Location;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tarn's whole blockstore contract against a files store in a temporary directory: this one class
 * is what makes the plugin trustworthy. The kit supplies every test; the plugin supplies only a
 * store and a location the store serves.
 *
 * <p>The store offers no optional capability, so the kit skips the multipart, copy, conditional-put
 * and presigned-URL suites (each skip says why) and checks instead that {@code require} refuses each
 * capability with a message naming the store and the capability. Surefire runs it with
 * {@code -Xmx256m}, which is what lets the kit's 1 GiB test prove that objects stream.
 */
class FilesBlockStoreContractTest extends AbstractBlockStoreContractTest {
    @TempDir
    static Path root;

    @Override
    protected BlockStore openStore() {
        return FilesBlockStore.open(new FilesBlockStoreConfig(root));
    }

    @Override
    protected Location baseLocation() {
        return Location.of("files://contract/kit");
    }
}
