package io.tarn.blockstore.spi;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Providers for {@link BlockStoreRegistryTest}. They are listed in no {@code META-INF/services} file
 * on the class path (so plugin modules that use this test-jar never see them); the test writes a
 * services file naming them into a temporary directory and loads them through a class loader over it.
 */
final class RegistryTestPlugins {
    private RegistryTestPlugins() {
    }

    /** Every instantiation of a test provider, by simple class name. */
    static final java.util.Map<String, AtomicInteger> INSTANCES = new java.util.concurrent.ConcurrentHashMap<>();

    static int instances(Class<?> type) {
        return INSTANCES.getOrDefault(type.getSimpleName(), new AtomicInteger()).get();
    }

    private static void created(Object provider) {
        INSTANCES.computeIfAbsent(provider.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
    }

    /** A stand-in store that only knows its type. */
    private static BlockStore storeOfType(String type) {
        return (BlockStore) Proxy.newProxyInstance(BlockStore.class.getClassLoader(), new Class<?>[] {BlockStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "type" -> type;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @BlockStoreType(name = "alpha", schemes = {"alpha"})
    public static final class Alpha implements BlockStoreProvider {
        public Alpha() {
            created(this);
        }

        @Override
        public BlockStore open(BlockStoreConfig config) {
            return storeOfType("alpha:" + config.string("greeting", ""));
        }
    }

    @BlockStoreType(name = "beta", schemes = {"beta", "https://*.beta.example.com"})
    public static final class Beta implements BlockStoreProvider {
        public Beta() {
            created(this);
        }

        @Override
        public BlockStore open(BlockStoreConfig config) {
            return storeOfType("beta");
        }
    }

    /** Serves the same scheme as {@link Beta}. */
    @BlockStoreType(name = "beta-twin", schemes = {"beta"})
    public static final class BetaTwin implements BlockStoreProvider {
        public BetaTwin() {
            created(this);
        }

        @Override
        public BlockStore open(BlockStoreConfig config) {
            return storeOfType("beta-twin");
        }
    }

    /** Has the type name of {@link Alpha}. */
    @BlockStoreType(name = "alpha", schemes = {"alpha2"})
    public static final class AlphaNamesake implements BlockStoreProvider {
        public AlphaNamesake() {
            created(this);
        }

        @Override
        public BlockStore open(BlockStoreConfig config) {
            return storeOfType("alpha-namesake");
        }
    }

    /** Fails the moment anything instantiates it: proves that choosing another plugin never does. */
    @BlockStoreType(name = "exploding", schemes = {"boom"})
    public static final class Exploding implements BlockStoreProvider {
        public Exploding() {
            throw new IllegalStateException("Exploding must never be instantiated");
        }

        @Override
        public BlockStore open(BlockStoreConfig config) {
            throw new IllegalStateException("unreachable");
        }
    }

    /** Lacks {@link BlockStoreType}. */
    public static final class Unannotated implements BlockStoreProvider {
        @Override
        public BlockStore open(BlockStoreConfig config) {
            throw new IllegalStateException("unreachable");
        }
    }
}
