package io.tarn.blockstore.local;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreProvider;
import io.tarn.blockstore.spi.BlockStoreType;

/**
 * Opens {@link LocalBlockStore}s for {@code local://} locations. Found by
 * {@link java.util.ServiceLoader}; does nothing until {@link #open} is called. Thread-safe.
 */
@BlockStoreType(name = "local", schemes = {"local"})
public final class LocalBlockStoreProvider implements BlockStoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public LocalBlockStoreProvider() {
        // Nothing to do: discovery must stay cheap.
    }

    /**
     * Opens a store over {@code blockstore.local.root}, creating the directory if needed.
     *
     * @throws io.tarn.blockstore.spi.BlockStoreConfigException naming the property or path when the
     *     root is missing, cannot be created or written, or its file system lacks user extended attributes
     */
    @Override
    public BlockStore open(BlockStoreConfig config) {
        return LocalBlockStore.open(LocalBlockStoreConfig.from(config));
    }
}
