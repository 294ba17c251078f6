package com.example.tarn.files;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreProvider;
import io.tarn.blockstore.spi.BlockStoreType;

/**
 * The plugin's entry point. Tarn finds it through
 * {@code META-INF/services/io.tarn.blockstore.spi.BlockStoreProvider} and reads
 * {@link BlockStoreType} without instantiating it: {@code name = "files"} makes the settings
 * {@code blockstore.files.*}, and {@code schemes = {"files"}} routes every {@code files://} storage
 * namespace to this plugin.
 *
 * <p>The SPI asks for a public no-argument constructor that does no work: discovery stays cheap,
 * and a plugin nobody configures costs nothing. Thread-safe (stateless).
 */
@BlockStoreType(name = "files", schemes = {"files"})
public final class FilesBlockStoreProvider implements BlockStoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public FilesBlockStoreProvider() {
        // Nothing to do until open().
    }

    /**
     * Opens a store below {@code blockstore.files.root}, creating the directory if needed.
     *
     * @throws io.tarn.blockstore.spi.BlockStoreConfigException naming the property when the root is
     *     missing, not a path, or cannot be created or written
     */
    @Override
    public BlockStore open(BlockStoreConfig config) {
        return FilesBlockStore.open(FilesBlockStoreConfig.from(config));
    }
}
