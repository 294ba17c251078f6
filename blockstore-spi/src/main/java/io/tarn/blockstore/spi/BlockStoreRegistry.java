package io.tarn.blockstore.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The blockstore plugins on a class path, and the choice of one for a location.
 *
 * <p>Plugins are found with {@link ServiceLoader#stream()}; only the chosen provider is ever
 * instantiated, so a broken or heavy plugin that is not used costs nothing. A location served by no
 * plugin, or by two, is a {@link BlockStoreConfigException} whose message lists every plugin found
 * and what it serves.
 *
 * <p>Immutable and thread-safe.
 */
public final class BlockStoreRegistry {
    private final List<Plugin> plugins;

    private BlockStoreRegistry(List<Plugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** The plugins visible to {@code loader}. */
    public static BlockStoreRegistry discover(ClassLoader loader) {
        List<Plugin> found = new ArrayList<>();
        try {
            ServiceLoader.load(BlockStoreProvider.class, loader).stream().forEach(provider -> {
                Class<? extends BlockStoreProvider> type = provider.type();
                BlockStoreType annotation = type.getAnnotation(BlockStoreType.class);
                if (annotation == null) {
                    throw new BlockStoreConfigException("Invalid blockstore plugin " + type.getName() + ": it lacks the @BlockStoreType annotation naming its type and schemes");
                }
                found.add(new Plugin(annotation.name(), List.of(annotation.schemes()), provider));
            });
        } catch (ServiceConfigurationError e) {
            throw new BlockStoreConfigException("Cannot load blockstore plugins: " + e.getMessage(), e);
        }
        return new BlockStoreRegistry(found);
    }

    /** The type names found, in discovery order. */
    public List<String> types() {
        return plugins.stream().map(Plugin::name).toList();
    }

    /**
     * The type name of the one plugin serving {@code location}.
     *
     * @throws BlockStoreConfigException when none or several serve it, listing what was found
     */
    public String typeFor(Location location) {
        List<Plugin> matching = plugins.stream().filter(p -> p.serves(location)).toList();
        if (matching.size() == 1) {
            return matching.get(0).name();
        }
        if (matching.isEmpty()) {
            throw new BlockStoreConfigException("Cannot choose a blockstore plugin for '" + location + "': none serves scheme '" + location.scheme() + "'; found: " + describe(plugins));
        }
        throw new BlockStoreConfigException("Cannot choose a blockstore plugin for '" + location + "': several serve it: " + describe(matching) + "; remove all but one from the class path");
    }

    /**
     * Instantiates the plugin of type {@code config.type()} and opens a store with the config.
     *
     * @throws BlockStoreConfigException when no plugin or several have that type, or the config is invalid
     */
    public BlockStore open(BlockStoreConfig config) {
        List<Plugin> matching = plugins.stream().filter(p -> p.name().equals(config.type())).toList();
        if (matching.isEmpty()) {
            throw new BlockStoreConfigException("Cannot open blockstore type '" + config.type() + "': no plugin has it; found: " + describe(plugins));
        }
        if (matching.size() > 1) {
            throw new BlockStoreConfigException("Cannot open blockstore type '" + config.type() + "': several plugins have it: " + describe(matching) + "; remove all but one from the class path");
        }
        return matching.get(0).provider().get().open(config);
    }

    private static String describe(List<Plugin> list) {
        if (list.isEmpty()) {
            return "none (is a blockstore plugin jar on the class path?)";
        }
        return list.stream()
                .map(p -> p.name() + " " + p.schemes() + " (" + p.provider().type().getName() + ")")
                .collect(Collectors.joining(", "));
    }

    private record Plugin(String name, List<String> schemes, ServiceLoader.Provider<BlockStoreProvider> provider) {
        boolean serves(Location location) {
            for (String scheme : schemes) {
                int sep = scheme.indexOf("://");
                if (sep < 0) {
                    if (scheme.equals(location.scheme())) {
                        return true;
                    }
                } else if (scheme.substring(0, sep).equals(location.scheme())) {
                    String pattern = scheme.substring(sep + 3).toLowerCase(Locale.ROOT);
                    String authority = location.authority().toLowerCase(Locale.ROOT);
                    if (pattern.startsWith("*") ? authority.endsWith(pattern.substring(1)) : authority.equals(pattern)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
