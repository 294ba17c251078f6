package io.tarn.blockstore.spi;

import java.io.InputStream;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The core storage contract every plugin implements: whole objects addressed by {@link Location},
 * written by streaming, read whole or by range, listed in key order.
 *
 * <p><b>Semantics.</b> A {@code put} is all-or-nothing and durable when it returns: a reader sees
 * either the previous object or the complete new one, never a partial object, and a failed put
 * leaves the previous object (or its absence) untouched. Overwrites are allowed (Tarn's engine never
 * overwrites, but imports and tests do). Keys are arbitrary strings without NUL: {@code //}, {@code %},
 * {@code +}, spaces, unicode and {@code ..} segments mean themselves, and no key reaches outside the
 * store's configured space.
 *
 * <p><b>Capabilities.</b> Optional features are the {@code Supports*} interfaces listed in
 * {@link Capability}; ask with {@link #supports} or take them with {@link #require}, which fails
 * with {@link UnsupportedCapabilityException} naming the store and the capability.
 *
 * <p><b>Errors.</b> Every method throws only {@link BlockStoreException} and its subclasses
 * (unchecked); streams returned by {@code get} throw {@link java.io.IOException} from their reads as
 * streams do. Locations of a scheme this store does not serve are an {@link IllegalArgumentException}.
 *
 * <p><b>Threading.</b> Implementations are thread-safe; returned streams are not, and must be
 * closed by the caller.
 */
public interface BlockStore extends AutoCloseable {
    /** The plugin's type name, for example {@code local} or {@code s3}, as used in messages and config. */
    String type();

    /**
     * Writes an object from a stream, replacing any object at the location.
     *
     * @param length the exact number of bytes the stream will yield, or {@code -1} when unknown;
     *     a stream that ends early or runs longer fails the put and stores nothing
     * @return size, ETag and the checksums asked for in {@code options}
     */
    ObjectStat put(Location location, InputStream data, long length, PutOptions options);

    /** Opens the whole object for reading. @throws ObjectNotFoundException when there is none */
    InputStream get(Location location);

    /**
     * Opens part of the object for reading.
     *
     * @throws ObjectNotFoundException when there is no object
     * @throws InvalidRangeException when the range covers no byte of it
     */
    InputStream get(Location location, ByteRange range);

    /** Size, ETag, modification time and recorded checksums. @throws ObjectNotFoundException */
    ObjectStat stat(Location location);

    /** Removes the object. Deleting a missing object succeeds (idempotent). */
    void delete(Location location);

    /**
     * Removes several objects, continuing past failures.
     *
     * @return the locations that could not be deleted, each with its error (empty when all went)
     */
    default Map<Location, BlockStoreException> deleteAll(Collection<Location> locations) {
        Map<Location, BlockStoreException> failures = new LinkedHashMap<>();
        for (Location location : locations) {
            try {
                delete(location);
            } catch (BlockStoreException e) {
                failures.put(location, e);
            }
        }
        return failures;
    }

    /**
     * One page of the objects whose location string starts with {@code prefix}'s (a string prefix,
     * not a directory: {@code data/fi} matches {@code data/file}), in ascending unsigned byte order of
     * their UTF-8 keys.
     *
     * @param startAfter only objects strictly after this location, or {@code null} to start at the
     *     beginning
     * @param maxKeys at most this many objects, 1 or more
     */
    ListPage list(Location prefix, Location startAfter, int maxKeys);

    /**
     * How many objects {@link #listAll} asks {@link #list} for at a time: 1,000 (what S3 and GCS
     * return per request). A store whose service returns more per request overrides it, so a walk
     * of a large prefix makes fewer round trips.
     */
    default int listPageSize() {
        return 1000;
    }

    /** Every object below {@code prefix}, in key order, fetched page by page as the stream is consumed. */
    default Stream<ObjectStat> listAll(Location prefix) {
        Iterator<ObjectStat> it = new Iterator<>() {
            private Iterator<ObjectStat> page = ListPage.EMPTY.objects().iterator();
            private Location after;
            private boolean more = true;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && more) {
                    ListPage next = list(prefix, after, listPageSize());
                    page = next.objects().iterator();
                    more = next.truncated();
                    after = next.lastLocation();
                }
                return page.hasNext();
            }

            @Override
            public ObjectStat next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Whether this store offers {@code capability}. */
    default boolean supports(Capability capability) {
        return capability.type().isInstance(this);
    }

    /**
     * This store seen as the capability's interface.
     *
     * @throws UnsupportedCapabilityException naming the store type and the capability when it is not offered
     */
    default <C> C require(Capability capability, Class<C> type) {
        if (!capability.type().equals(type)) {
            throw new IllegalArgumentException("Invalid capability type " + type.getName() + " for " + capability);
        }
        if (!supports(capability)) {
            throw new UnsupportedCapabilityException(type(), capability);
        }
        return type.cast(this);
    }

    /** Releases clients and threads. Streams already handed out may fail afterwards. */
    @Override
    void close();
}
