package io.tarn.blockstore.spi;

/** Copies an object inside the backend without streaming its bytes through Tarn. */
public interface SupportsServerSideCopy {
    /**
     * Copies {@code source} to {@code target}, replacing any object there. Both locations must be
     * served by this store.
     *
     * @return the new object's stat (its ETag may differ from the source's for multipart sources)
     * @throws ObjectNotFoundException when the source does not exist
     */
    ObjectStat copy(Location source, Location target);
}
