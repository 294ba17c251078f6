package com.example.tarn.files;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The files blockstore's settings, read once from the {@code blockstore.files.*} properties into a
 * typed value, so that the store itself never looks at raw strings.
 *
 * @param root the directory below which every {@code files://} location lives; property
 *     {@code blockstore.files.root}, environment {@code TARN_BLOCKSTORE_FILES_ROOT}. Required: there
 *     is no sensible default for "where your shared storage is mounted".
 */
public record FilesBlockStoreConfig(Path root) {
    public FilesBlockStoreConfig {
        Objects.requireNonNull(root, "root");
    }

    /**
     * Reads the settings. {@link BlockStoreConfig} has already applied the environment overrides;
     * its {@code requiredString} fails with a message naming {@code blockstore.files.root} and its
     * environment variable.
     *
     * @throws BlockStoreConfigException naming the property when {@code root} is missing or not a path
     */
    public static FilesBlockStoreConfig from(BlockStoreConfig config) {
        String root = config.requiredString("root");
        try {
            return new FilesBlockStoreConfig(Path.of(root).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new BlockStoreConfigException("Invalid blockstore.files.root '" + root.replace("\0", "\\0") + "': " + e.getReason(), e);
        }
    }
}
