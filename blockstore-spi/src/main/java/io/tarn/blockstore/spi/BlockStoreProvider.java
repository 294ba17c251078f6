package io.tarn.blockstore.spi;

/**
 * A blockstore plugin's entry point, found with {@link java.util.ServiceLoader}: a plugin jar lists
 * its implementation in {@code META-INF/services/io.tarn.blockstore.spi.BlockStoreProvider}.
 *
 * <p>The implementing class must carry {@link BlockStoreType}, which names the plugin and the URI
 * schemes it serves, so that {@link BlockStoreRegistry} can choose a plugin without instantiating
 * the others. It must have a public no-argument constructor and do no work in it.
 */
public interface BlockStoreProvider {
    /**
     * Opens a store from its configuration: the {@code blockstore.<type>.*} properties.
     *
     * @throws BlockStoreConfigException naming the property when the configuration is missing or malformed
     */
    BlockStore open(BlockStoreConfig config);
}
