package io.tarn.graveler.committed;

import org.apache.parquet.io.api.Binary;

/**
 * Walks an {@link EntryCodec} encoding field by field and hands out each string as a Parquet
 * {@link Binary} over the encoding's own bytes. Writing a range file this way neither decodes nor
 * re-encodes UTF-8, and allocates no strings or maps: it is the hot loop of every commit.
 *
 * <p>It follows EntryCodec's layout, field for field; {@link EncodedEntryBuilder} is the way back.
 * If the layout changes, both change with it (a range file round trip compares range ids, so a
 * mismatch cannot go unnoticed). Not thread-safe; reused from record to record.
 */
final class EncodedEntryCursor {
    private byte[] bytes;
    private int position;

    /**
     * Starts walking {@code encoded}, which must stay unchanged while its values are in use (range
     * entries are immutable).
     *
     * @throws IllegalArgumentException when it is not an encoding of this version
     */
    void reset(byte[] encoded) {
        if (encoded.length == 0 || encoded[0] != EntryCodec.VERSION) {
            throw new IllegalArgumentException("Invalid entry encoding: version "
                    + (encoded.length == 0 ? "missing" : encoded[0]) + ", this Tarn writes version " + EntryCodec.VERSION);
        }
        bytes = encoded;
        position = 1;
    }

    /** The next length-prefixed string, as its UTF-8 bytes. */
    Binary string() {
        int length = int32();
        Binary value = Binary.fromConstantByteArray(bytes, position, length);
        position += length;
        return value;
    }

    long int64() {
        return (long) int32() << 32 | int32() & 0xFFFFFFFFL;
    }

    /** The number of key/value pairs of the next map; its keys and values follow as strings. */
    int mapSize() {
        return int32();
    }

    private int int32() {
        int p = position;
        position = p + 4;
        return (bytes[p] & 0xFF) << 24 | (bytes[p + 1] & 0xFF) << 16 | (bytes[p + 2] & 0xFF) << 8 | bytes[p + 3] & 0xFF;
    }
}
