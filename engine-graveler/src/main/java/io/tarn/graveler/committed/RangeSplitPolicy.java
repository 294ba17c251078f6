package io.tarn.graveler.committed;

/**
 * Where committed ranges end: content-defined boundaries, so that an edit changes only the range it
 * falls in and every other range keeps its id across commits.
 *
 * <p>A range closes after a key whose {@link #keyHash 64-bit hash} is divisible by
 * {@code targetRecords} (so ranges hold about that many records on average, whatever was written
 * before), or when it reaches {@code maxBytes} of encoded records, so a run of unlucky keys cannot
 * make one range huge. Because the decision depends on the key alone (and the byte cap), the same
 * set of entries always splits the same way, whatever the write order or staging history.
 *
 * <p>The hash is part of the on-storage format: changing it would change range ids and defeat reuse
 * across versions. It is FNV-1a over the key's bytes followed by the MurmurHash3 64-bit finaliser
 * for avalanche. Immutable and thread-safe.
 *
 * @param targetRecords R: the expected records per range, at least 1 (1 closes after every key)
 * @param maxBytes a range closes once its encoded records reach this many bytes
 */
public record RangeSplitPolicy(int targetRecords, long maxBytes) {
    /**
     * About 2,000 records or 8 MiB per range: small enough that rewriting the one range an edit
     * touches stays within a commit's latency budget (docs/adr/0002-range-size.md).
     */
    public static final RangeSplitPolicy DEFAULT = new RangeSplitPolicy(2_000, 8L << 20);

    public RangeSplitPolicy {
        if (targetRecords < 1) {
            throw new IllegalArgumentException("Invalid target records per range " + targetRecords + ": it must be at least 1");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("Invalid maximum range size " + maxBytes + ": it must be at least 1 byte");
        }
    }

    /** Whether a key is a natural boundary: the range that holds it ends after it. */
    public boolean isBoundary(byte[] key) {
        return Long.remainderUnsigned(keyHash(key), targetRecords) == 0;
    }

    /** Whether the range must close after {@code key}, given the encoded bytes it holds with it. */
    public boolean closesAfter(byte[] key, long rangeBytes) {
        return rangeBytes >= maxBytes || isBoundary(key);
    }

    /** FNV-1a 64 over the bytes, then the MurmurHash3 fmix64 finaliser. */
    public static long keyHash(byte[] key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
