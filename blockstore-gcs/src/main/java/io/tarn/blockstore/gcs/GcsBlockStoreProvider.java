package io.tarn.blockstore.gcs;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreProvider;
import io.tarn.blockstore.spi.BlockStoreType;

/**
 * Opens {@link GcsBlockStore}s for {@code gs://bucket/key} locations. Found by
 * {@link java.util.ServiceLoader}; does nothing until {@link #open} is called. Thread-safe.
 */
@BlockStoreType(name = "gcs", schemes = {"gs"})
public final class GcsBlockStoreProvider implements BlockStoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public GcsBlockStoreProvider() {
        // Nothing to do: discovery must stay cheap.
    }

    /**
     * Opens a store from the {@code blockstore.gcs.*} properties (see {@link GcsBlockStoreConfig}).
     *
     * @throws io.tarn.blockstore.spi.BlockStoreConfigException naming the property when a value is
     *     missing or malformed, or the credentials cannot be loaded
     */
    @Override
    public BlockStore open(BlockStoreConfig config) {
        return GcsBlockStore.open(GcsBlockStoreConfig.from(config));
    }
}
