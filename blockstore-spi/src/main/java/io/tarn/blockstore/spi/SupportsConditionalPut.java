package io.tarn.blockstore.spi;

import java.io.InputStream;

/**
 * Writes that take effect only if a precondition holds at the moment of the write, decided
 * atomically against concurrent writers: of two racing {@code IfAbsent} puts to one location,
 * exactly one succeeds.
 */
public interface SupportsConditionalPut {
    /**
     * Like {@link BlockStore#put}, if {@code condition} holds.
     *
     * @throws PreconditionFailedException when it does not; nothing is written
     */
    ObjectStat put(Location location, InputStream data, long length, PutOptions options, WriteCondition condition);
}
