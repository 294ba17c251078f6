package io.tarn.graveler;

import io.tarn.api.Entry;
import io.tarn.graveler.committed.Change;
import io.tarn.graveler.committed.EntryCodec;
import io.tarn.graveler.committed.EntryCodec.ByteSink;
import io.tarn.graveler.committed.EntryCodec.ByteSource;
import io.tarn.graveler.committed.KeyOrder;
import io.tarn.graveler.meta.KeyValue;
import io.tarn.graveler.meta.MetadataStore;
import io.tarn.graveler.meta.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Staged changes in the metadata store, grouped by staging token: {@code r/<uid>/s/<token>/<path key>}
 * → a staged entry or a tombstone.
 *
 * <p>A value is a flags byte (bit 0: an entry follows, else a tombstone; bit 1: the full path
 * follows, for paths too long to be a key), then the path if flagged, then the entry's 32 identity
 * bytes and its {@link EntryCodec} encoding. Scans return paths in {@link KeyOrder}, also for long
 * paths whose keys sort by hash after their common first bytes. Thread-safe.
 */
final class Staging {
    private static final int HAS_ENTRY = 1;
    private static final int HAS_PATH = 2;
    private static final int DELETE_CHUNK = 10_000;

    private final MetadataStore store;

    Staging(MetadataStore store) {
        this.store = store;
    }

    /** A staged change: an entry, or a tombstone (no entry) that hides a committed path. */
    record Staged(String path, byte[] encodedEntry, byte[] identity) {
        boolean isTombstone() {
            return encodedEntry == null;
        }

        Entry entry() {
            return encodedEntry == null ? null : EntryCodec.decode(encodedEntry);
        }

        Change toChange() {
            return new Change(path, encodedEntry, identity);
        }
    }

    /** Adds "stage {@code entry} (or a tombstone, when null) at {@code path}" to the batch. */
    static void put(WriteBatch batch, String uid, String token, String path, Entry entry) {
        batch.put(MetaKeys.staged(uid, token, path), encode(path, entry));
    }

    static byte[] encode(String path, Entry entry) {
        boolean cut = MetaKeys.isCut(path);
        ByteSink out = new ByteSink(entry == null ? 8 : 160);
        out.writeByte((entry == null ? 0 : HAS_ENTRY) | (cut ? HAS_PATH : 0));
        if (cut) {
            out.writeString(path);
        }
        if (entry != null) {
            byte[] identity = HexFormat.of().parseHex(entry.identity());
            for (byte b : identity) {
                out.writeByte(b);
            }
            out.writeBytes(EntryCodec.encode(entry));
        }
        return out.toByteArray();
    }

    private static Staged decode(String path, byte[] value) {
        ByteSource in = new ByteSource(value);
        int flags = in.readByte();
        if ((flags & HAS_PATH) != 0) {
            path = in.readString();
        }
        if ((flags & HAS_ENTRY) == 0) {
            in.requireEnd();
            return new Staged(path, null, null);
        }
        byte[] identity = new byte[32];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = in.readByte();
        }
        byte[] entry = in.readBytes();
        in.requireEnd();
        return new Staged(path, entry, identity);
    }

    Optional<Staged> get(String uid, String token, String path) {
        return store.get(MetaKeys.staged(uid, token, path)).map(v -> decode(path, v));
    }

    boolean isEmpty(String uid, String token) {
        try (Stream<KeyValue> s = store.scan(MetaKeys.stagingToken(uid, token), null)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * The staged changes of a token whose paths start with {@code prefix} and come strictly after
     * {@code after} ({@code ""}: no bound), in {@link KeyOrder}. Must be closed.
     */
    Scan scan(String uid, String token, String prefix, String after) {
        byte[] tokenPrefix = MetaKeys.stagingToken(uid, token);
        byte[] pathPrefix = MetaKeys.utf8(prefix);
        byte[] scanPrefix = MetaKeys.concat(tokenPrefix, Arrays.copyOf(pathPrefix, Math.min(pathPrefix.length, MetaKeys.MAX_PATH_KEY)));
        byte[] startAfter = null;
        if (!after.isEmpty()) {
            byte[] afterBytes = MetaKeys.utf8(after);
            startAfter = MetaKeys.concat(tokenPrefix, Arrays.copyOf(afterBytes, Math.min(afterBytes.length, MetaKeys.MAX_PATH_KEY)));
        }
        return new Scan(store.scan(scanPrefix, startAfter), tokenPrefix.length, prefix, after);
    }

    /** Deletes every change staged under the token, in chunks (not atomically as a whole). */
    void drop(String uid, String token) {
        KeySweep.deleteUnder(store, MetaKeys.stagingToken(uid, token));
    }

    /** Deletes the staged change of one path in each token. */
    void dropPath(String uid, List<String> tokens, String path) {
        WriteBatch batch = new WriteBatch();
        for (String token : tokens) {
            batch.delete(MetaKeys.staged(uid, token, path));
        }
        store.write(batch);
    }

    /** Deletes the staged changes under a prefix in each token. */
    void dropPrefix(String uid, List<String> tokens, String prefix) {
        for (String token : tokens) {
            dropPrefix(uid, token, prefix);
        }
    }

    /** Scans by path (a key prefix alone would miss long paths cut and hashed in their keys). */
    private void dropPrefix(String uid, String token, String prefix) {
        while (true) {
            List<String> paths = new ArrayList<>();
            try (Scan scan = scan(uid, token, prefix, "")) {
                while (scan.hasNext() && paths.size() < DELETE_CHUNK) {
                    paths.add(scan.next().path());
                }
            }
            if (paths.isEmpty()) {
                return;
            }
            WriteBatch batch = new WriteBatch();
            for (String p : paths) {
                batch.delete(MetaKeys.staged(uid, token, p));
            }
            store.write(batch);
        }
    }

    /**
     * Staged changes in path order. Keys of paths cut to {@link MetaKeys#MAX_PATH_KEY} bytes sort by
     * hash among themselves, so each run of them sharing those bytes is buffered and sorted.
     */
    static final class Scan implements Iterator<Staged>, AutoCloseable {
        private final Stream<KeyValue> stream;
        private final Iterator<KeyValue> source;
        private final int tokenPrefixLength;
        private final String prefix;
        private final String after;
        private final List<Staged> buffer = new ArrayList<>();
        private int buffered;
        private KeyValue pendingKv;

        Scan(Stream<KeyValue> stream, int tokenPrefixLength, String prefix, String after) {
            this.stream = stream;
            this.source = stream.iterator();
            this.tokenPrefixLength = tokenPrefixLength;
            this.prefix = prefix;
            this.after = after;
        }

        @Override
        public boolean hasNext() {
            while (buffered >= buffer.size()) {
                buffer.clear();
                buffered = 0;
                if (!fill()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Staged next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.get(buffered++);
        }

        private boolean fill() {
            KeyValue kv = take();
            if (kv == null) {
                return false;
            }
            if (kv.key().length - tokenPrefixLength <= MetaKeys.MAX_PATH_KEY) {
                addIfWanted(decode(MetaKeys.string(kv.key(), tokenPrefixLength), kv.value()));
                return true;
            }
            byte[] group = Arrays.copyOfRange(kv.key(), 0, tokenPrefixLength + MetaKeys.MAX_PATH_KEY);
            addIfWanted(decode(null, kv.value()));
            while (true) {
                KeyValue more = take();
                if (more == null) {
                    break;
                }
                if (more.key().length - tokenPrefixLength <= MetaKeys.MAX_PATH_KEY
                        || !Arrays.equals(group, 0, group.length, more.key(), 0, group.length)) {
                    pendingKv = more;
                    break;
                }
                addIfWanted(decode(null, more.value()));
            }
            buffer.sort((a, b) -> KeyOrder.compare(a.path(), b.path()));
            return true;
        }

        private KeyValue take() {
            if (pendingKv != null) {
                KeyValue kv = pendingKv;
                pendingKv = null;
                return kv;
            }
            return source.hasNext() ? source.next() : null;
        }

        private void addIfWanted(Staged s) {
            if (s.path().startsWith(prefix) && (after.isEmpty() || KeyOrder.compare(s.path(), after) > 0)) {
                buffer.add(s);
            }
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
