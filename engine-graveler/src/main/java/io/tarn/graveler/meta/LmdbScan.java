package io.tarn.graveler.meta;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * A prefix scan read in chunks, each chunk in its own short read transaction that ends before any
 * entry of it reaches the caller. The next chunk resumes strictly after the last key returned, so
 * keys come out ascending and at most once even while writers change the database between chunks,
 * and a slow consumer never keeps a transaction (and the pages it pins) open.
 *
 * <p>Single-threaded, like every {@link Spliterator}; it does not split.
 */
final class LmdbScan extends Spliterators.AbstractSpliterator<KeyValue> {
    /** Entries per read transaction. */
    static final int CHUNK_SIZE = 256;

    private final LmdbEnvironment environment;
    private final byte[] prefix;
    private final int chunkSize;
    /** The last key returned, or the caller's start-after bound before the first; {@code null}: none. */
    private byte[] after;
    private Iterator<KeyValue> chunk = Collections.emptyIterator();
    private boolean lastChunk;

    /**
     * @param prefix at most {@link MetadataStore#MAX_KEY_BYTES}, owned by the scan
     * @param startAfter owned by the scan, or {@code null}
     */
    LmdbScan(LmdbEnvironment environment, byte[] prefix, byte[] startAfter, int chunkSize) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL);
        this.environment = environment;
        this.prefix = prefix;
        this.chunkSize = chunkSize;
        // No stored key is longer than MAX_KEY_BYTES, and for such a key k: k > startAfter exactly
        // when k > the first MAX_KEY_BYTES bytes of startAfter. The shorter bound fits a key buffer.
        this.after = startAfter == null || startAfter.length <= MetadataStore.MAX_KEY_BYTES
                ? startAfter
                : Arrays.copyOf(startAfter, MetadataStore.MAX_KEY_BYTES);
    }

    @Override
    public boolean tryAdvance(Consumer<? super KeyValue> action) {
        if (!chunk.hasNext()) {
            if (lastChunk) {
                return false;
            }
            Chunk next = environment.read(this::readChunk);
            chunk = next.entries().iterator();
            lastChunk = next.last();
            if (!chunk.hasNext()) {
                return false;
            }
        }
        KeyValue entry = chunk.next();
        after = entry.key();
        action.accept(entry);
        return true;
    }

    private record Chunk(List<KeyValue> entries, boolean last) {
    }

    private Chunk readChunk(Txn<ByteBuffer> txn, Dbi<ByteBuffer> db) {
        List<KeyValue> entries = new ArrayList<>();
        try (Cursor<ByteBuffer> cursor = db.openCursor(txn)) {
            boolean found = seekFirst(cursor);
            while (found) {
                ByteBuffer key = cursor.key();
                if (!LmdbBytes.startsWith(key, prefix)) {
                    return new Chunk(entries, true);
                }
                if (entries.size() == chunkSize) {
                    // The entry after a full chunk is known to exist: the next chunk starts there.
                    return new Chunk(entries, false);
                }
                entries.add(new KeyValue(LmdbBytes.copy(key), LmdbBytes.copy(cursor.val())));
                found = cursor.next();
            }
        }
        return new Chunk(entries, true);
    }

    /** Moves to the first key that is at least {@code prefix} and greater than {@code after}. */
    private boolean seekFirst(Cursor<ByteBuffer> cursor) {
        boolean fromAfter = after != null && Arrays.compareUnsigned(after, prefix) >= 0;
        byte[] from = fromAfter ? after : prefix;
        if (from.length == 0) {
            // LMDB rejects an empty key, and every stored key is greater than the empty string.
            return cursor.first();
        }
        if (!cursor.get(LmdbBytes.key(from), GetOp.MDB_SET_RANGE)) {
            return false;
        }
        return !(fromAfter && LmdbBytes.contentEquals(cursor.key(), from)) || cursor.next();
    }
}
