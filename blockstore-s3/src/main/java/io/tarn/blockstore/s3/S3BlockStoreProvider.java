package io.tarn.blockstore.s3;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreProvider;
import io.tarn.blockstore.spi.BlockStoreType;

/**
 * Opens {@link S3BlockStore}s for {@code s3://bucket/key} locations. Found by
 * {@link java.util.ServiceLoader}; does nothing until {@link #open} is called. Thread-safe.
 */
@BlockStoreType(name = "s3", schemes = {"s3"})
public final class S3BlockStoreProvider implements BlockStoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public S3BlockStoreProvider() {
        // Nothing to do: discovery must stay cheap.
    }

    /**
     * Opens a store from the {@code blockstore.s3.*} settings. No request is made: a bucket that does
     * not exist or credentials that are refused show on the first operation, naming the bucket.
     *
     * @throws io.tarn.blockstore.spi.BlockStoreConfigException naming the property when a value is malformed
     */
    @Override
    public BlockStore open(BlockStoreConfig config) {
        return S3BlockStore.open(S3BlockStoreConfig.from(config));
    }
}
