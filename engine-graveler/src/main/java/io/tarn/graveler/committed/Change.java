package io.tarn.graveler.committed;

import io.tarn.api.Entry;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One change to apply to a tree: put an entry at a key, or delete the key.
 *
 * @param encodedEntry the {@link EntryCodec} bytes, or {@code null} to delete
 * @param identity the entry's 32 raw identity bytes, or {@code null} to delete
 */
public record Change(String key, byte[] encodedEntry, byte[] identity) {
    public Change {
        Objects.requireNonNull(key, "key");
        if ((encodedEntry == null) != (identity == null)) {
            throw new IllegalArgumentException("Invalid change for '" + key + "': an entry needs its identity, a deletion has neither");
        }
    }

    public static Change put(String key, Entry entry) {
        return new Change(key, EntryCodec.encode(entry), HexFormat.of().parseHex(entry.identity()));
    }

    public static Change delete(String key) {
        return new Change(key, null, null);
    }

    /** Copies record {@code i} of a range as a put. */
    public static Change of(Range range, int i) {
        return new Change(range.key(i), range.encodedEntry(i), range.identity(i));
    }

    public boolean isDelete() {
        return encodedEntry == null;
    }
}
