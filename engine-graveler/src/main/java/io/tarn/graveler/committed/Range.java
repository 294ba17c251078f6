package io.tarn.graveler.committed;

import io.tarn.api.Entry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A decoded range: records (path, entry) in {@link KeyOrder}, held compactly (each entry as its
 * canonical encoding plus its 32-byte identity) and decoded on demand. Immutable and thread-safe.
 *
 * <p>The id is SHA-256 over a versioned encoding of every record (length-prefixed key, then the
 * length-prefixed {@link EntryCodec} bytes), so it does not depend on the Parquet writer, and two
 * ranges with one id are equal in every field.
 */
public final class Range {
    private static final byte ID_VERSION = 1;
    private static final int IDENTITY_BYTES = 32;

    // Record i's key is keyBytes[keyOffsets[i] .. keyOffsets[i + 1]), its entry likewise: a few
    // arrays for the whole range instead of several objects per record keeps the cache dense.
    private final byte[] keyBytes;
    private final int[] keyOffsets;
    private final byte[] entryBytes;
    private final int[] entryOffsets;
    private final byte[] identities;
    private final long encodedBytes;
    private final String id;
    // Point lookups: keys of a range share a long prefix; the next 8 bytes of each key, as an
    // unsigned big-endian long, make a small array that binary search walks within the CPU cache.
    private final int commonPrefix;
    private final long[] heads;

    private Range(byte[] keyBytes, int[] keyOffsets, byte[] entryBytes, int[] entryOffsets, byte[] identities, long encodedBytes,
            String id) {
        this.keyBytes = keyBytes;
        this.keyOffsets = keyOffsets;
        this.entryBytes = entryBytes;
        this.entryOffsets = entryOffsets;
        this.identities = identities;
        this.encodedBytes = encodedBytes;
        this.id = id;
        int n = keyOffsets.length - 1;
        // Sorted keys between the first and the last share the bytes those two share.
        int mismatch = Arrays.mismatch(keyBytes, keyOffsets[0], keyOffsets[1], keyBytes, keyOffsets[n - 1], keyOffsets[n]);
        this.commonPrefix = mismatch < 0 ? keyOffsets[1] - keyOffsets[0] : mismatch;
        this.heads = new long[n];
        for (int i = 0; i < n; i++) {
            heads[i] = head(keyBytes, keyOffsets[i], keyOffsets[i + 1], commonPrefix);
        }
    }

    /** The 8 bytes of a key after {@code prefix} bytes, zero-padded, as an unsigned-comparable long. */
    private static long head(byte[] bytes, int from, int to, int prefix) {
        long h = 0;
        for (int k = 0; k < 8; k++) {
            int at = from + prefix + k;
            h = h << 8 | (at < to ? bytes[at] & 0xFF : 0);
        }
        return h;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String id() {
        return id;
    }

    public int size() {
        return keyOffsets.length - 1;
    }

    public String key(int i) {
        return new String(keyBytes, keyOffsets[i], keyOffsets[i + 1] - keyOffsets[i], StandardCharsets.UTF_8);
    }

    public Entry entry(int i) {
        return EntryCodec.decode(encodedEntry(i));
    }

    /** The record's canonical entry encoding (a fresh copy). */
    public byte[] encodedEntry(int i) {
        return Arrays.copyOfRange(entryBytes, entryOffsets[i], entryOffsets[i + 1]);
    }

    /** Whether record {@code i} here and record {@code j} of {@code other} have equal entry identities. */
    public boolean sameIdentity(int i, Range other, int j) {
        return Arrays.equals(identities, i * IDENTITY_BYTES, (i + 1) * IDENTITY_BYTES,
                other.identities, j * IDENTITY_BYTES, (j + 1) * IDENTITY_BYTES);
    }

    /** Whether record {@code i} has this identity (32 raw bytes). */
    public boolean hasIdentity(int i, byte[] identity) {
        return Arrays.equals(identities, i * IDENTITY_BYTES, (i + 1) * IDENTITY_BYTES, identity, 0, IDENTITY_BYTES);
    }

    /** The record's identity as raw SHA-256 bytes (see {@link Entry#identity()}). */
    public byte[] identity(int i) {
        return Arrays.copyOfRange(identities, i * IDENTITY_BYTES, (i + 1) * IDENTITY_BYTES);
    }

    /** Binary search: the index of {@code key}, or {@code -(insertion point) - 1}. */
    public int indexOf(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int n = size();
        // Every key here starts with the common prefix: a search key that differs there is outside.
        int c = Arrays.compareUnsigned(k, 0, Math.min(commonPrefix, k.length), keyBytes, keyOffsets[0], keyOffsets[0] + commonPrefix);
        if (c < 0) {
            return -1;
        }
        if (c > 0) {
            return -(n + 1);
        }
        long h = head(k, 0, k.length, commonPrefix);
        int lo = 0;
        int hi = n;
        while (lo < hi) { // first index whose head is >= h
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(heads[mid], h) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < n && heads[end] == h) {
            end++;
        }
        return search(k, lo, end - 1);
    }

    /** Binary search over full keys between {@code lo} and {@code hi} inclusive. */
    private int search(byte[] k, int lo, int hi) {
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(keyBytes, keyOffsets[mid], keyOffsets[mid + 1], k, 0, k.length);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** The size of the canonical record encoding, as the split policy counts it. */
    public long encodedBytes() {
        return encodedBytes;
    }

    /** The heap bytes this range holds, for the byte-bounded cache. */
    public long heapBytes() {
        return 128L + keyBytes.length + entryBytes.length + identities.length + 16L * keyOffsets.length;
    }

    public RangeInfo info() {
        return new RangeInfo(id, key(0), key(size() - 1), size(), encodedBytes);
    }

    /** The bytes a record adds to a range's size, as the split policy counts them. */
    static long recordBytes(int keyUtf8Length, int encodedEntryLength) {
        return 8L + keyUtf8Length + encodedEntryLength;
    }

    @Override
    public String toString() {
        return "Range[" + id.substring(0, 12) + ", " + size() + " records, " + key(0) + " .. " + key(size() - 1) + "]";
    }

    /**
     * Collects records in ascending key order. Not thread-safe.
     */
    public static final class Builder {
        private final EntryCodec.ByteSink keys = new EntryCodec.ByteSink(4096);
        private final EntryCodec.ByteSink entries = new EntryCodec.ByteSink(16384);
        private final EntryCodec.ByteSink identities = new EntryCodec.ByteSink(4096);
        private int[] keyOffsets = new int[64];
        private int[] entryOffsets = new int[64];
        private int count;
        private final MessageDigest digest = sha256();
        private final byte[] lengthBuffer = new byte[4];
        private long encodedBytes;
        private byte[] lastKey;
        private boolean built;

        private Builder() {
            digest.update(ID_VERSION);
        }

        public Builder add(String key, Entry entry) {
            return add(key, EntryCodec.encode(entry), HexFormat.of().parseHex(entry.identity()));
        }

        /** Copies record {@code i} of {@code source} without decoding it. */
        public Builder add(Range source, int i) {
            byte[] key = Arrays.copyOfRange(source.keyBytes, source.keyOffsets[i], source.keyOffsets[i + 1]);
            return addUtf8(key, source.entryBytes, source.entryOffsets[i], source.entryOffsets[i + 1] - source.entryOffsets[i],
                    source.identities, i * IDENTITY_BYTES);
        }

        /**
         * @param encodedEntry the {@link EntryCodec} bytes
         * @param identity the 32 raw bytes of the entry's identity
         * @throws IllegalArgumentException when the key is not after the previous one
         */
        public Builder add(String key, byte[] encodedEntry, byte[] identity) {
            if (identity.length != IDENTITY_BYTES) {
                throw new IllegalArgumentException("Invalid identity for '" + key + "': " + identity.length + " bytes, expected 32");
            }
            return addUtf8(key.getBytes(StandardCharsets.UTF_8), encodedEntry, 0, encodedEntry.length, identity, 0);
        }

        private Builder addUtf8(byte[] key, byte[] entry, int entryOffset, int entryLength, byte[] identity, int identityOffset) {
            if (lastKey != null && Arrays.compareUnsigned(lastKey, key) >= 0) {
                throw new IllegalArgumentException("Invalid range record '" + new String(key, StandardCharsets.UTF_8)
                        + "': it does not come after '" + new String(lastKey, StandardCharsets.UTF_8) + "'");
            }
            updateLengthPrefixed(key, 0, key.length);
            updateLengthPrefixed(entry, entryOffset, entryLength);
            if (count + 2 > keyOffsets.length) {
                keyOffsets = Arrays.copyOf(keyOffsets, keyOffsets.length * 2);
                entryOffsets = Arrays.copyOf(entryOffsets, entryOffsets.length * 2);
            }
            keys.writeRaw(key, 0, key.length);
            entries.writeRaw(entry, entryOffset, entryLength);
            identities.writeRaw(identity, identityOffset, IDENTITY_BYTES);
            count++;
            keyOffsets[count] = keys.size();
            entryOffsets[count] = entries.size();
            encodedBytes += recordBytes(key.length, entryLength);
            lastKey = key;
            return this;
        }

        private void updateLengthPrefixed(byte[] bytes, int offset, int n) {
            lengthBuffer[0] = (byte) (n >>> 24);
            lengthBuffer[1] = (byte) (n >>> 16);
            lengthBuffer[2] = (byte) (n >>> 8);
            lengthBuffer[3] = (byte) n;
            digest.update(lengthBuffer);
            digest.update(bytes, offset, n);
        }

        public int size() {
            return count;
        }

        public boolean isEmpty() {
            return count == 0;
        }

        /** The UTF-8 bytes of the last key added (do not modify), or {@code null}. */
        public byte[] lastKeyUtf8() {
            return lastKey;
        }

        /** The encoded size of the records so far (see {@link RangeInfo#bytes()}). */
        public long encodedBytes() {
            return encodedBytes;
        }

        /** @throws IllegalStateException when no record was added (a range is never empty) */
        public Range build() {
            if (count == 0) {
                throw new IllegalStateException("Cannot build an empty range");
            }
            if (built) {
                throw new IllegalStateException("Cannot build a range twice from one builder");
            }
            built = true;
            String id = HexFormat.of().formatHex(digest.digest());
            return new Range(keys.toByteArray(), Arrays.copyOf(keyOffsets, count + 1), entries.toByteArray(),
                    Arrays.copyOf(entryOffsets, count + 1), identities.toByteArray(), encodedBytes, id);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute SHA-256: the JDK lacks it", e);
        }
    }
}
