package io.tarn.blockstore.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a blockstore knows of one stored object.
 *
 * @param location where it is
 * @param size its length in bytes
 * @param etag lower-case hex, no quotes: the MD5 of the bytes, or {@code md5(part md5s)-N} for an
 *     object assembled from N multipart parts
 * @param lastModified when it was written, as the backend reports it
 * @param checksums the additional checksums recorded when it was written (possibly none; listings
 *     may leave them out)
 */
public record ObjectStat(Location location, long size, String etag, Instant lastModified, Map<ChecksumAlgorithm, String> checksums) {
    public ObjectStat {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        checksums = Map.copyOf(checksums);
        if (size < 0) {
            throw new IllegalArgumentException("Invalid size " + size + " for '" + location + "': it cannot be negative");
        }
    }
}
