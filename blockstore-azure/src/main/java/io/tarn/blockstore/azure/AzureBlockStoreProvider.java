package io.tarn.blockstore.azure;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreProvider;
import io.tarn.blockstore.spi.BlockStoreType;

/**
 * Opens {@link AzureBlockStore}s for {@code az://account/container/key} and
 * {@code https://account.blob.core.windows.net/container/key} locations. Found by
 * {@link java.util.ServiceLoader}; does nothing until {@link #open} is called. Thread-safe.
 */
@BlockStoreType(name = "azure", schemes = {"az", "https://*.blob.core.windows.net"})
public final class AzureBlockStoreProvider implements BlockStoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public AzureBlockStoreProvider() {
        // Nothing to do: discovery must stay cheap.
    }

    /**
     * Opens a store from the {@code blockstore.azure.*} properties. No request is sent: a wrong key
     * or an unreachable endpoint shows on the first operation.
     *
     * @throws io.tarn.blockstore.spi.BlockStoreConfigException naming the property when one is missing or malformed
     */
    @Override
    public BlockStore open(BlockStoreConfig config) {
        return AzureBlockStore.open(AzureBlockStoreConfig.from(config));
    }
}
