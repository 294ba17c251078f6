package io.tarn.server;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.BlockStoreRegistry;
import io.tarn.blockstore.spi.Location;
import io.tarn.graveler.BlockStoreResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every blockstore the server uses, one per plugin type, each configured once from its
 * {@code blockstore.<type>.*} settings: repositories on local disk, S3, GCS and Azure live side by
 * side, each reaching its own backend through the plugin that serves its namespace's scheme.
 *
 * <p>The local store and every type that has settings are opened at start-up, so a bad setting
 * stops the server with one line naming it; a plugin without settings (one that can work from its
 * defaults, such as S3 with the default credential chain) opens when a repository first needs it.
 * Thread-safe; closing closes every store opened.
 */
final class BlockStores implements BlockStoreResolver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockStores.class);

    private final BlockStoreRegistry registry;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final Map<String, BlockStore> open = new ConcurrentHashMap<>();

    private BlockStores(BlockStoreRegistry registry, Map<String, String> properties, Map<String, String> environment) {
        this.registry = registry;
        this.properties = properties;
        this.environment = environment;
    }

    /**
     * Discovers the plugins and opens the local store and every configured type.
     *
     * @throws ConfigException naming the type and the problem; nothing is left open
     */
    static BlockStores open(ClassLoader plugins, Map<String, String> properties, Map<String, String> environment) {
        BlockStoreRegistry registry;
        try {
            registry = BlockStoreRegistry.discover(plugins);
        } catch (BlockStoreException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        BlockStores stores = new BlockStores(registry, properties, environment);
        try {
            for (String type : configuredTypes(properties, environment, registry.types())) {
                if (!registry.types().contains(type)) {
                    throw new ConfigException("Cannot open blockstore type '" + type + "' (from its blockstore." + type
                            + ".* settings): no plugin has it; found: " + String.join(", ", registry.types()));
                }
                stores.opened(type);
            }
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
        LOG.debug("Blockstore plugins found: {}", stores.describe());
        return stores;
    }

    /**
     * {@code local}, every type named by a {@code blockstore.<type>.*} setting, and every plugin
     * type named by a {@code TARN_BLOCKSTORE_<TYPE>_*} environment variable.
     */
    private static List<String> configuredTypes(Map<String, String> properties, Map<String, String> environment, List<String> plugins) {
        TreeSet<String> types = new TreeSet<>(List.of("local"));
        String prefix = "blockstore.";
        for (String key : properties.keySet()) {
            int end = key.indexOf('.', prefix.length());
            if (key.startsWith(prefix) && end > prefix.length()) {
                types.add(key.substring(prefix.length(), end));
            }
        }
        for (String type : plugins) {
            String envPrefix = BlockStoreConfig.envName(prefix + type + ".");
            if (environment.keySet().stream().anyMatch(name -> name.startsWith(envPrefix))) {
                types.add(type);
            }
        }
        return new ArrayList<>(types);
    }

    @Override
    public BlockStore forLocation(Location location) {
        String type;
        try {
            type = registry.typeFor(location);
        } catch (BlockStoreException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            return opened(type);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The store of a type, opened on first use. */
    BlockStore opened(String type) {
        return open.computeIfAbsent(type, t -> {
            try {
                BlockStore opened = registry.open(BlockStoreConfig.from(t, properties, environment));
                LOG.debug("Opened the {} blockstore", t);
                return opened;
            } catch (BlockStoreException e) {
                throw new ConfigException("Cannot open the " + t + " blockstore: " + e.getMessage(), e);
            }
        });
    }

    /** The plugin types found, and which stores are open: {@code local, s3, gcs (open: local)}. */
    String describe() {
        return String.join(", ", registry.types()) + " (open: " + String.join(", ", new TreeSet<>(open.keySet())) + ")";
    }

    @Override
    public synchronized void close() {
        open.forEach((type, store) -> {
            try {
                store.close();
            } catch (Exception e) {
                LOG.warn("Cannot close the {} blockstore cleanly: {}", type, e.toString());
            }
        });
        open.clear();
    }
}
