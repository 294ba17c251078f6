package io.tarn.graveler.committed;

import java.util.Objects;

/**
 * One range as its metarange lists it.
 *
 * @param id SHA-256 (hex) over the canonical encoding of the range's records; names its file
 *     {@code _tarn/ranges/<id>.parquet}
 * @param minKey the first key
 * @param maxKey the last key
 * @param count records
 * @param bytes the size of the canonical record encoding (what the split policy's byte cap counts),
 *     not of the Parquet file
 */
public record RangeInfo(String id, String minKey, String maxKey, long count, long bytes) {
    public RangeInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(minKey, "minKey");
        Objects.requireNonNull(maxKey, "maxKey");
        if (count < 1) {
            throw new IllegalArgumentException("Invalid range " + id + ": it has " + count + " records, and a range holds at least one");
        }
    }
}
