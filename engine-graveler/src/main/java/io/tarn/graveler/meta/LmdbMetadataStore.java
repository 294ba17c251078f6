package io.tarn.graveler.meta;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/**
 * The embedded {@link MetadataStore}: one LMDB environment (lmdbjava) in a directory, usually
 * {@code <data-dir>/meta}, holding one database.
 *
 * <p><b>Durability.</b> Every write is one LMDB write transaction, committed with a synchronous
 * flush before the method returns, so an acknowledged write survives a killed process and a power
 * loss, and a write that did not return is either entirely there or not at all.
 *
 * <p><b>Memory map.</b> LMDB maps the database into memory with a fixed upper size. The store starts
 * with {@link Options#initialMapSize()} and doubles the map whenever a write finds it full, then
 * retries that write; callers never see a full map. The data file grows with the data, not with the
 * map. Growing waits for the transactions running at that moment (each lasts one call or one scan
 * chunk) and briefly holds back new ones.
 *
 * <p><b>Threading.</b> Thread-safe. Writes are serialised; reads run concurrently with each other
 * and with the write, each on its own snapshot. A {@link #scan} reads 256 entries per read
 * transaction and holds no transaction between chunks, so an unconsumed stream blocks nobody. At
 * most {@link Options#maxReaders()} reads run at the same moment; more wait for one to finish.
 *
 * <p><b>One process.</b> The store is meant to be opened by one process at a time, and at most once
 * in it: opening a directory that is already open in this process fails. If another process did
 * grow the map (LMDB's {@code MDB_MAP_RESIZED}), the store adopts the new size and retries.
 *
 * <p><b>Errors.</b> An LMDB failure (I/O error, full disk, corruption) is a
 * {@link MetadataStoreException} naming the directory and carrying LMDB's message. An empty key or
 * one longer than {@value MetadataStore#MAX_KEY_BYTES} bytes is an {@link IllegalArgumentException};
 * a {@code null} argument where a value is required is a {@link NullPointerException}. After
 * {@link #close}, every call fails with {@link IllegalStateException}.
 *
 * <p><b>JVM.</b> lmdbjava needs {@code --add-opens java.base/java.nio=ALL-UNNAMED} and
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} on Java 17.
 */
public final class LmdbMetadataStore implements MetadataStore {
    private final LmdbEnvironment environment;

    /**
     * How to open the store.
     *
     * @param initialMapSize the memory map size to start with, in bytes, at least 1 MiB; the map grows
     *     beyond it as needed, and an existing store opens with at least the size of its data
     * @param maxReaders how many reads may run at the same moment (LMDB reader slots); more wait
     */
    public record Options(long initialMapSize, int maxReaders) {
        /** 64 MiB. */
        public static final long DEFAULT_INITIAL_MAP_SIZE = 64L << 20;
        /** Enough for a busy server's thread pool; each slot costs 64 bytes of the lock file. */
        public static final int DEFAULT_MAX_READERS = 1024;
        private static final long MIN_INITIAL_MAP_SIZE = 1L << 20;

        public Options {
            if (initialMapSize < MIN_INITIAL_MAP_SIZE) {
                throw new IllegalArgumentException("Invalid initial map size: " + initialMapSize
                        + " bytes, must be at least " + MIN_INITIAL_MAP_SIZE);
            }
            if (maxReaders < 1) {
                throw new IllegalArgumentException("Invalid maximum number of readers: " + maxReaders
                        + ", must be at least 1");
            }
        }

        /** The defaults: {@value #DEFAULT_INITIAL_MAP_SIZE} bytes, {@value #DEFAULT_MAX_READERS} readers. */
        public static Options defaults() {
            return new Options(DEFAULT_INITIAL_MAP_SIZE, DEFAULT_MAX_READERS);
        }

        public Options withInitialMapSize(long bytes) {
            return new Options(bytes, maxReaders);
        }

        public Options withMaxReaders(int readers) {
            return new Options(initialMapSize, readers);
        }
    }

    private LmdbMetadataStore(LmdbEnvironment environment) {
        this.environment = environment;
    }

    /** Opens the store in {@code directory} with {@link Options#defaults()}. */
    public static LmdbMetadataStore open(Path directory) {
        return open(directory, Options.defaults());
    }

    /**
     * Opens the store in {@code directory}, creating the directory and an empty store if missing.
     *
     * @throws MetadataStoreException naming the directory if it cannot be created or written, is not
     *     a directory, holds something that is not an LMDB store, or is already open in this process
     */
    public static LmdbMetadataStore open(Path directory, Options options) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        return new LmdbMetadataStore(LmdbEnvironment.open(directory, options.initialMapSize(), options.maxReaders()));
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        checkKey(key);
        return environment.read((txn, db) -> Optional.ofNullable(db.get(txn, LmdbBytes.key(key))).map(LmdbBytes::copy));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
        environment.write((txn, db) -> {
            put(txn, db, key, value);
            return null;
        });
    }

    @Override
    public void delete(byte[] key) {
        checkKey(key);
        environment.write((txn, db) -> db.delete(txn, LmdbBytes.key(key)));
    }

    @Override
    public boolean compareAndSwap(byte[] key, byte[] expected, byte[] replacement) {
        checkKey(key);
        return environment.write((txn, db) -> {
            if (!holds(txn, db, key, expected)) {
                return false;
            }
            if (replacement == null) {
                db.delete(txn, LmdbBytes.key(key));
            } else {
                put(txn, db, key, replacement);
            }
            return true;
        });
    }

    @Override
    public WriteBatch.Outcome write(WriteBatch batch) {
        List<WriteBatch.Op> operations = Objects.requireNonNull(batch, "batch").operations();
        for (WriteBatch.Op operation : operations) {
            checkKey(operation.key());
        }
        return environment.write((txn, db) -> {
            // Every condition is checked before anything is written, so each sees the state before the
            // batch; a failed one leaves the transaction unchanged, and it commits nothing.
            for (WriteBatch.Op operation : operations) {
                if (operation.kind() == WriteBatch.Kind.EXPECT && !holds(txn, db, operation.key(), operation.value())) {
                    return WriteBatch.Outcome.CONDITION_FAILED;
                }
            }
            for (WriteBatch.Op operation : operations) {
                switch (operation.kind()) {
                    case PUT -> put(txn, db, operation.key(), operation.value());
                    case DELETE -> db.delete(txn, LmdbBytes.key(operation.key()));
                    case EXPECT -> { }
                }
            }
            return WriteBatch.Outcome.APPLIED;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads 256 entries per read transaction. Using the store after it is
     * closed fails here; so does continuing a stream that needs another chunk.
     */
    @Override
    public Stream<KeyValue> scan(byte[] prefix, byte[] startAfter) {
        Objects.requireNonNull(prefix, "prefix");
        environment.checkOpen();
        if (prefix.length > MAX_KEY_BYTES) {
            return Stream.empty();
        }
        byte[] after = startAfter == null ? null : startAfter.clone();
        return StreamSupport.stream(new LmdbScan(environment, prefix.clone(), after, LmdbScan.CHUNK_SIZE), false);
    }

    /** Closes the store once the calls running now have finished. Idempotent. */
    @Override
    public void close() {
        environment.close();
    }

    /** The current size of the memory map, in bytes. */
    long mapSize() {
        return environment.mapSize();
    }

    @Override
    public String toString() {
        return "LmdbMetadataStore[" + environment.directory() + "]";
    }

    private static void checkKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0 || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("Invalid metadata key: " + key.length + " bytes, must be 1 to "
                    + MAX_KEY_BYTES);
        }
    }

    private static boolean holds(Txn<ByteBuffer> txn, Dbi<ByteBuffer> db, byte[] key, byte[] expected) {
        ByteBuffer current = db.get(txn, LmdbBytes.key(key));
        return expected == null ? current == null : current != null && LmdbBytes.contentEquals(current, expected);
    }

    /** Writes {@code value} straight into space LMDB reserves for it, sparing a direct buffer. */
    private static void put(Txn<ByteBuffer> txn, Dbi<ByteBuffer> db, byte[] key, byte[] value) {
        db.reserve(txn, LmdbBytes.key(key), value.length).put(value);
    }
}
