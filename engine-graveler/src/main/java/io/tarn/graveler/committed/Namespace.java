package io.tarn.graveler.committed;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.Location;
import java.util.Objects;

/**
 * A repository's storage namespace: the blockstore that serves it and its root location. Range
 * files live at {@code <root>/_tarn/ranges/<id>.parquet}, metaranges at
 * {@code <root>/_tarn/metaranges/<id>.parquet}.
 */
public record Namespace(BlockStore store, Location root) {
    public Namespace {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(root, "root");
    }

    public Location range(String id) {
        return root.resolve("_tarn/ranges/" + id + ".parquet");
    }

    public Location metaRange(String id) {
        return root.resolve("_tarn/metaranges/" + id + ".parquet");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
