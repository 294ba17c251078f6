package io.tarn.graveler;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.Location;

/**
 * Finds the blockstore serving a location, by its scheme: how the engine reaches repositories on
 * different backends side by side. Supplied by the composition root (the server), which owns the
 * stores and closes them.
 */
@FunctionalInterface
public interface BlockStoreResolver {
    /**
     * @throws IllegalArgumentException naming the scheme when no configured blockstore serves it
     */
    BlockStore forLocation(Location location);
}
