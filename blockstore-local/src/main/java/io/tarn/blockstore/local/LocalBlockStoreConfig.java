package io.tarn.blockstore.local;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The local blockstore's configuration.
 *
 * @param root the directory holding every local namespace (the server passes
 *     {@code <data-dir>/blocks}); property {@code blockstore.local.root}, environment
 *     {@code TARN_BLOCKSTORE_LOCAL_ROOT}
 */
public record LocalBlockStoreConfig(Path root) {
    public LocalBlockStoreConfig {
        Objects.requireNonNull(root, "root");
    }

    /**
     * Reads the {@code blockstore.local.*} properties.
     *
     * @throws BlockStoreConfigException naming the property when {@code root} is missing or no valid path
     */
    public static LocalBlockStoreConfig from(BlockStoreConfig config) {
        String root = config.requiredString("root");
        try {
            return new LocalBlockStoreConfig(Path.of(root).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new BlockStoreConfigException("Invalid blockstore.local.root '" + root.replace("\0", "\\0") + "': " + e.getReason(), e);
        }
    }
}
