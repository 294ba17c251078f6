package com.example.tarn.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import io.tarn.blockstore.spi.BlockStoreRegistry;
import io.tarn.blockstore.spi.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How Tarn finds, chooses and configures the plugin: through the SPI's registry, as the server does. */
class FilesBlockStoreProviderTest {
    @TempDir
    Path temp;

    private BlockStoreRegistry registry() {
        return BlockStoreRegistry.discover(getClass().getClassLoader());
    }

    @Test
    @DisplayName("the registry finds the plugin through its services file and chooses it for files:// locations")
    void discoveredAndChosen() {
        assertThat(registry().types()).contains("files");
        assertThat(registry().typeFor(Location.of("files://share/repo/data/x"))).isEqualTo("files");
    }

    @Test
    @DisplayName("the registry opens a files store from blockstore.files.root, creating the root")
    void openedThroughRegistry() {
        Path root = temp.resolve("mnt/tarn");
        BlockStoreConfig config = BlockStoreConfig.from("files", Map.of("blockstore.files.root", root.toString(), "blockstore.local.root", "/elsewhere"), Map.of());

        try (BlockStore store = registry().open(config)) {
            assertThat(store).isInstanceOf(FilesBlockStore.class);
            assertThat(store.type()).isEqualTo("files");
            assertThat(root).isDirectory();
        }
    }

    @Test
    @DisplayName("the root can come from TARN_BLOCKSTORE_FILES_ROOT, which overrides the property")
    void rootFromEnvironment() {
        BlockStoreConfig config = BlockStoreConfig.from("files", Map.of("blockstore.files.root", "/ignored"),
                Map.of("TARN_BLOCKSTORE_FILES_ROOT", temp.resolve("env").toString()));

        assertThat(FilesBlockStoreConfig.from(config).root()).isEqualTo(temp.resolve("env"));
    }

    @Test
    @DisplayName("a relative root is made absolute")
    void relativeRoot() {
        assertThat(FilesBlockStoreConfig.from(new BlockStoreConfig("files", Map.of("root", "data/files"))).root()).isAbsolute();
    }

    @Test
    @DisplayName("a missing root is a config error naming blockstore.files.root and its environment variable")
    void missingRoot() {
        BlockStoreConfig empty = BlockStoreConfig.from("files", Map.of("blockstore.local.root", "/x"), Map.of());

        assertThatThrownBy(() -> registry().open(empty))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid")
                .hasMessageContaining("blockstore.files.root")
                .hasMessageContaining("TARN_BLOCKSTORE_FILES_ROOT");
    }

    @Test
    @DisplayName("a root that is a regular file is a config error naming the property and the path")
    void rootIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        BlockStoreConfig config = new BlockStoreConfig("files", Map.of("root", file.toString()));

        assertThatThrownBy(() -> registry().open(config))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Cannot use blockstore.files.root '" + file + "'");
    }

    @Test
    @DisplayName("a root with a NUL character is a config error naming the property")
    void rootWithNul() {
        BlockStoreConfig config = new BlockStoreConfig("files", Map.of("root", "/mnt/a\0b"));

        assertThatThrownBy(() -> FilesBlockStoreConfig.from(config))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore.files.root '/mnt/a\\0b'");
    }
}
