package io.tarn.blockstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import io.tarn.blockstore.spi.BlockStoreRegistry;
import io.tarn.blockstore.spi.Capability;
import io.tarn.blockstore.spi.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlockStoreProviderTest {
    @TempDir
    Path temp;

    @Test
    @DisplayName("the registry finds the plugin through its services file and chooses it for local://")
    void discoveredAndChosen() {
        BlockStoreRegistry registry = BlockStoreRegistry.discover(getClass().getClassLoader());

        assertThat(registry.types()).contains("local");
        assertThat(registry.typeFor(Location.of("local:///repo/data/x"))).isEqualTo("local");
    }

    @Test
    @DisplayName("the registry opens a local store from blockstore.local.root")
    void openedThroughRegistry() {
        BlockStoreConfig config = BlockStoreConfig.from("local", Map.of("blockstore.local.root", temp.resolve("blocks").toString()), Map.of());

        try (BlockStore store = BlockStoreRegistry.discover(getClass().getClassLoader()).open(config)) {
            assertThat(store).isInstanceOf(LocalBlockStore.class);
            assertThat(store.type()).isEqualTo("local");
            assertThat(temp.resolve("blocks")).isDirectory();
        }
    }

    @Test
    @DisplayName("the root can come from TARN_BLOCKSTORE_LOCAL_ROOT")
    void rootFromEnvironment() {
        BlockStoreConfig config = BlockStoreConfig.from("local", Map.of("blockstore.local.root", "/nonexistent/ignored"),
                Map.of("TARN_BLOCKSTORE_LOCAL_ROOT", temp.resolve("env").toString()));

        assertThat(LocalBlockStoreConfig.from(config).root()).isEqualTo(temp.resolve("env"));
    }

    @Test
    @DisplayName("a relative root is made absolute")
    void relativeRoot() {
        assertThat(LocalBlockStoreConfig.from(new BlockStoreConfig("local", Map.of("root", "data/blocks"))).root()).isAbsolute();
    }

    @Test
    @DisplayName("a missing root names the property")
    void missingRoot() {
        assertThatThrownBy(() -> new LocalBlockStoreProvider().open(new BlockStoreConfig("local", Map.of())))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("blockstore.local.root");
    }

    @Test
    @DisplayName("a root that cannot be created fails naming the path")
    void rootCannotBeCreated() throws IOException {
        Path file = Files.write(temp.resolve("a-file"), new byte[] {1});
        Path root = file.resolve("blocks");

        assertThatThrownBy(() -> new LocalBlockStoreProvider().open(new BlockStoreConfig("local", Map.of("root", root.toString()))))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Cannot create blockstore.local.root '" + root + "'");
    }

    @Test
    @DisplayName("a root that cannot be written fails naming the path")
    void rootCannotBeWritten() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "Running as root: permissions do not stop root from writing");
        Path root = Files.createDirectory(temp.resolve("read-only"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> LocalBlockStore.open(new LocalBlockStoreConfig(root)))
                    .isInstanceOf(BlockStoreConfigException.class)
                    .hasMessageContaining("'" + root.toRealPath() + "'");
        } finally {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    @DisplayName("a root holding a file named .tmp is refused")
    void reservedNameTaken() throws IOException {
        Path root = Files.createDirectory(temp.resolve("taken"));
        Files.write(root.resolve(".tmp"), new byte[] {1});

        assertThatThrownBy(() -> LocalBlockStore.open(new LocalBlockStoreConfig(root)))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("'.tmp' is not a directory");
    }

    @Test
    @DisplayName("a root path with a NUL is refused naming the property")
    void invalidRootPath() {
        assertThatThrownBy(() -> LocalBlockStoreConfig.from(new BlockStoreConfig("local", Map.of("root", "/a\0b"))))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageStartingWith("Invalid blockstore.local.root '/a\\0b'");
    }

    @Test
    @DisplayName("the store offers multipart upload, server-side copy and conditional put, and without presign-listen not presigned URLs")
    void capabilities() {
        try (LocalBlockStore store = LocalBlockStore.open(new LocalBlockStoreConfig(temp))) {
            assertThat(store.supports(Capability.MULTIPART_UPLOAD)).isTrue();
            assertThat(store.supports(Capability.SERVER_SIDE_COPY)).isTrue();
            assertThat(store.supports(Capability.CONDITIONAL_PUT)).isTrue();
            assertThat(store.supports(Capability.PRESIGNED_URLS)).isFalse();
        }
    }

    @Test
    @DisplayName("with presign-listen, set in the environment, the store opened through the registry offers presigned URLs")
    void presignedUrlsFromTheEnvironment() {
        BlockStoreConfig config = BlockStoreConfig.from("local", Map.of("blockstore.local.root", temp.resolve("blocks").toString()),
                Map.of("TARN_BLOCKSTORE_LOCAL_PRESIGN_LISTEN", "127.0.0.1:0"));

        try (BlockStore store = BlockStoreRegistry.discover(getClass().getClassLoader()).open(config)) {
            assertThat(store.supports(Capability.PRESIGNED_URLS)).isTrue();
        }
    }
}
