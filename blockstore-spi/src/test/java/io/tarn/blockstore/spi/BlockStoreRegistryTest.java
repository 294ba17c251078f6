package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.RegistryTestPlugins.Alpha;
import io.tarn.blockstore.spi.RegistryTestPlugins.AlphaNamesake;
import io.tarn.blockstore.spi.RegistryTestPlugins.Beta;
import io.tarn.blockstore.spi.RegistryTestPlugins.BetaTwin;
import io.tarn.blockstore.spi.RegistryTestPlugins.Exploding;
import io.tarn.blockstore.spi.RegistryTestPlugins.Unannotated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockStoreRegistryTest {
    private static final String SERVICES = "META-INF/services/" + BlockStoreProvider.class.getName();

    @TempDir
    Path servicesDir;
    private URLClassLoader loader;

    @BeforeEach
    void resetCounters() {
        RegistryTestPlugins.INSTANCES.clear();
    }

    @AfterEach
    void closeLoader() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    @DisplayName("chooses the plugin by the location's scheme")
    void choosesByScheme() {
        BlockStoreRegistry registry = registryOf(Alpha.class, Beta.class, Exploding.class);

        assertThat(registry.typeFor(Location.of("alpha://bucket/key"))).isEqualTo("alpha");
        assertThat(registry.typeFor(Location.of("beta://bucket/key"))).isEqualTo("beta");
        assertThat(registry.typeFor(Location.of("boom://x"))).isEqualTo("exploding");
    }

    @Test
    @DisplayName("an https location is served by the plugin whose host suffix matches, in any case")
    void httpsWithHostSuffix() {
        BlockStoreRegistry registry = registryOf(Alpha.class, Beta.class);

        assertThat(registry.typeFor(Location.of("https://account.beta.example.com/container/key"))).isEqualTo("beta");
        assertThat(registry.typeFor(Location.of("https://Account.BETA.example.COM/container/key"))).isEqualTo("beta");
    }

    @Test
    @DisplayName("an https location on another host, or on the bare suffix, is served by none")
    void httpsOtherHost() {
        BlockStoreRegistry registry = registryOf(Alpha.class, Beta.class);

        assertThatThrownBy(() -> registry.typeFor(Location.of("https://example.com/x"))).isInstanceOf(BlockStoreConfigException.class);
        assertThatThrownBy(() -> registry.typeFor(Location.of("https://beta.example.com/x"))).isInstanceOf(BlockStoreConfigException.class);
        assertThatThrownBy(() -> registry.typeFor(Location.of("https://evil.com.beta.example.org/x"))).isInstanceOf(BlockStoreConfigException.class);
    }

    @Test
    @DisplayName("a location no plugin serves fails listing every plugin found and what it serves")
    void noneMatching() {
        BlockStoreRegistry registry = registryOf(Alpha.class, Beta.class);

        assertThatThrownBy(() -> registry.typeFor(Location.of("gs://bucket/key")))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Cannot choose a blockstore plugin for 'gs://bucket/key': none serves scheme 'gs'")
                .hasMessageContaining("alpha [alpha] (" + Alpha.class.getName() + ")")
                .hasMessageContaining("beta [beta, https://*.beta.example.com] (" + Beta.class.getName() + ")");
    }

    @Test
    @DisplayName("with no plugin at all the message says none was found")
    void noPluginAtAll() {
        BlockStoreRegistry registry = registryOf();

        assertThat(registry.types()).isEmpty();
        assertThatThrownBy(() -> registry.typeFor(Location.of("s3://b/k")))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("none (is a blockstore plugin jar on the class path?)");
    }

    @Test
    @DisplayName("a location two plugins serve fails naming both")
    void twoMatching() {
        BlockStoreRegistry registry = registryOf(Alpha.class, Beta.class, BetaTwin.class);

        assertThatThrownBy(() -> registry.typeFor(Location.of("beta://bucket/key")))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Cannot choose a blockstore plugin for 'beta://bucket/key': several serve it")
                .hasMessageContaining(Beta.class.getName())
                .hasMessageContaining(BetaTwin.class.getName())
                .hasMessageNotContaining(Alpha.class.getName());
    }

    @Test
    @DisplayName("discovering and choosing instantiate no plugin")
    void discoveryInstantiatesNothing() {
        BlockStoreRegistry registry = registryOf(Alpha.class, Beta.class, Exploding.class);

        assertThat(registry.types()).containsExactly("alpha", "beta", "exploding");
        registry.typeFor(Location.of("alpha://b/k"));

        assertThat(RegistryTestPlugins.INSTANCES).isEmpty();
    }

    @Test
    @DisplayName("opening instantiates the chosen plugin only, and hands it the config")
    void openInstantiatesOnlyTheChosen() {
        BlockStoreRegistry registry = registryOf(Exploding.class, Alpha.class, Beta.class);

        BlockStore store = registry.open(new BlockStoreConfig("alpha", Map.of("greeting", "hello")));

        assertThat(store.type()).isEqualTo("alpha:hello");
        assertThat(RegistryTestPlugins.instances(Alpha.class)).isEqualTo(1);
        assertThat(RegistryTestPlugins.instances(Beta.class)).isZero();
    }

    @Test
    @DisplayName("opening an unknown type fails listing what was found")
    void openUnknownType() {
        BlockStoreRegistry registry = registryOf(Alpha.class);

        assertThatThrownBy(() -> registry.open(new BlockStoreConfig("gamma", Map.of())))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Cannot open blockstore type 'gamma': no plugin has it")
                .hasMessageContaining(Alpha.class.getName());
    }

    @Test
    @DisplayName("opening a type two plugins claim fails naming both, instantiating neither")
    void openAmbiguousType() {
        BlockStoreRegistry registry = registryOf(Alpha.class, AlphaNamesake.class);

        assertThatThrownBy(() -> registry.open(new BlockStoreConfig("alpha", Map.of())))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining(Alpha.class.getName())
                .hasMessageContaining(AlphaNamesake.class.getName());
        assertThat(RegistryTestPlugins.INSTANCES).isEmpty();
    }

    @Test
    @DisplayName("a plugin without @BlockStoreType is refused, naming its class")
    void unannotatedRefused() {
        assertThatThrownBy(() -> registryOf(Alpha.class, Unannotated.class))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore plugin " + Unannotated.class.getName())
                .hasMessageContaining("@BlockStoreType");
    }

    @Test
    @DisplayName("a services file naming a missing class fails as a config error")
    void missingClassRefused() {
        assertThatThrownBy(() -> registryOfNames("io.tarn.blockstore.spi.NoSuchProvider"))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Cannot load blockstore plugins")
                .hasMessageContaining("NoSuchProvider");
    }

    private BlockStoreRegistry registryOf(Class<?>... providers) {
        return registryOfNames(Arrays.stream(providers).map(Class::getName).toArray(String[]::new));
    }

    /**
     * A registry over exactly these provider names: a services file in a temporary directory, read
     * through a class loader that sees no other services file (the test class path's, if any, is hidden).
     */
    private BlockStoreRegistry registryOfNames(String... providerNames) {
        try {
            Path services = servicesDir.resolve(SERVICES);
            Files.createDirectories(services.getParent());
            Files.writeString(services, Arrays.stream(providerNames).collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
            loader = new URLClassLoader(new URL[] {servicesDir.toUri().toURL()}, getClass().getClassLoader()) {
                @Override
                public Enumeration<URL> getResources(String name) throws IOException {
                    return name.equals(SERVICES) ? findResources(name) : super.getResources(name);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return BlockStoreRegistry.discover(loader);
    }
}
