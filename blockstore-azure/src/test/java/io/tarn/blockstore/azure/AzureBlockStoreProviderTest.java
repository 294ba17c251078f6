package io.tarn.blockstore.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import io.tarn.blockstore.spi.BlockStoreRegistry;
import io.tarn.blockstore.spi.Capability;
import io.tarn.blockstore.spi.Location;
import java.util.Map;
import io.tarn.blockstore.spi.SupportsPresignedUrls;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AzureBlockStoreProviderTest {
    private static final String KEY = "c2VjcmV0LWtleS1ieXRlcw==";
    private final BlockStoreRegistry registry = BlockStoreRegistry.discover(getClass().getClassLoader());

    @ParameterizedTest(name = "the registry chooses the azure plugin for {0}")
    @ValueSource(strings = {"az://tarnprod/data/repo/x", "https://tarnprod.blob.core.windows.net/data/repo/x", "https://TarnProd.Blob.Core.Windows.Net/data/x"})
    void chosenForAzureLocations(String location) {
        assertThat(registry.types()).contains("azure");
        assertThat(registry.typeFor(Location.of(location))).isEqualTo("azure");
    }

    @ParameterizedTest(name = "the azure plugin does not claim {0}")
    @ValueSource(strings = {"https://example.com/data/x", "https://blob.core.windows.net.example.com/x", "azure://tarnprod/data/x"})
    void notChosenForOthers(String location) {
        assertThatThrownBy(() -> registry.typeFor(Location.of(location)))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("azure [az, https://*.blob.core.windows.net]");
    }

    @Test
    @DisplayName("the registry opens an azure store from blockstore.azure.* properties")
    void openedThroughRegistry() {
        BlockStoreConfig config = BlockStoreConfig.from("azure", Map.of("blockstore.azure.account-name", "tarnprod", "blockstore.azure.account-key", KEY), Map.of());

        try (BlockStore store = registry.open(config)) {
            assertThat(store).isInstanceOf(AzureBlockStore.class);
            assertThat(store.type()).isEqualTo("azure");
        }
    }

    @Test
    @DisplayName("a missing credential fails opening, naming the properties")
    void missingCredential() {
        assertThatThrownBy(() -> new AzureBlockStoreProvider().open(new BlockStoreConfig("azure", Map.of("account-name", "tarnprod"))))
                .isInstanceOf(BlockStoreConfigException.class)
                .hasMessageContaining("blockstore.azure.account-key");
    }

    @Test
    @DisplayName("with the account key every capability is offered; with a SAS token all but presigned URLs")
    void capabilities() {
        try (BlockStore keyed = new AzureBlockStoreProvider().open(new BlockStoreConfig("azure", Map.of("account-name", "tarnprod", "account-key", KEY)));
                BlockStore sas = new AzureBlockStoreProvider().open(new BlockStoreConfig("azure", Map.of("account-name", "tarnprod", "sas-token", "sp=r&sig=abc")))) {
            for (Capability capability : Capability.values()) {
                assertThat(keyed.supports(capability)).as(capability.name()).isTrue();
            }
            assertThat(sas.supports(Capability.MULTIPART_UPLOAD)).isTrue();
            assertThat(sas.supports(Capability.SERVER_SIDE_COPY)).isTrue();
            assertThat(sas.supports(Capability.CONDITIONAL_PUT)).isTrue();
            assertThat(sas.supports(Capability.PRESIGNED_URLS)).isFalse();
            assertThatThrownBy(() -> sas.require(Capability.PRESIGNED_URLS, SupportsPresignedUrls.class))
                    .hasMessageContaining("'azure'")
                    .hasMessageContaining("PRESIGNED_URLS");
        }
    }

    @Test
    @DisplayName("locations of another account, another scheme or without a container are refused naming the location")
    void foreignLocations() {
        try (BlockStore store = new AzureBlockStoreProvider().open(new BlockStoreConfig("azure", Map.of("account-name", "tarnprod", "account-key", KEY)))) {
            assertThatThrownBy(() -> store.stat(Location.of("az://otheraccount/data/x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'az://otheraccount/data/x'")
                    .hasMessageContaining("'tarnprod'");
            assertThatThrownBy(() -> store.stat(Location.of("s3://tarnprod/data/x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'s3://tarnprod/data/x'");
            assertThatThrownBy(() -> store.stat(Location.of("az://tarnprod")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("<container>");
            assertThatThrownBy(() -> store.stat(Location.of("az://tarnprod/data")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no object");
        }
    }
}
