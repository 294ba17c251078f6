package io.tarn.graveler.meta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open LMDB environment holding one database, whose memory map grows when it fills up; it runs
 * the read and write transactions of {@link LmdbMetadataStore}.
 *
 * <p><b>Threading.</b> LMDB may change the map size only while this process has no transaction
 * open, and the environment must not be closed under one. Every transaction therefore holds the
 * shared side of {@code transactions} for its whole life, and growing the map or closing takes the
 * exclusive side: both wait for running transactions, and transactions that start later wait for
 * them. Write transactions are also serialised by group commit (see {@link #write}): only the thread
 * leading a group waits for LMDB's own (cross-process) write lock, and its transaction begins, runs
 * and commits on that thread, as LMDB requires. The environment is opened with {@code MDB_NOTLS}: a read
 * transaction is not tied to a thread and holds one of the {@code maxReaders} reader slots only
 * while it runs; reads beyond that many wait for a slot.
 *
 * <p><b>Errors.</b> Every LMDB error becomes a {@link MetadataStoreException} naming the directory
 * and carrying LMDB's message; use after {@link #close} is an {@link IllegalStateException}.
 */
final class LmdbEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(LmdbEnvironment.class);
    private static final String DATABASE = "metadata";
    /** Adopting another process's map size is expected to succeed at once; this bounds the retries. */
    private static final int MAX_ADOPTIONS = 3;

    /*
     * LMDB forbids opening one environment twice in a process: closing either copy releases the
     * other's advisory locks, after which another process could corrupt the reader table.
     */
    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Path identity;
    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> dbi;
    private final ReentrantReadWriteLock transactions = new ReentrantReadWriteLock();
    /** Writes waiting for the next group commit; also the monitor that guards {@code leading}. */
    private final List<PendingWrite<?>> queue = new ArrayList<>();
    /** Whether a thread is committing a group now: only that thread opens write transactions. */
    private boolean leading;
    /** One permit per LMDB reader slot: a read waits for a slot instead of failing with MDB_READERS_FULL. */
    private final Semaphore readerSlots;
    /** Written only with the exclusive side of {@code transactions} held. */
    private long mapSize;
    private volatile boolean closed;

    /** Work done inside one transaction on the database. */
    @FunctionalInterface
    interface Work<R> {
        R run(Txn<ByteBuffer> txn, Dbi<ByteBuffer> db);
    }

    private enum Resize { GROW, ADOPT }

    private LmdbEnvironment(Path directory, Path identity, Env<ByteBuffer> env, Dbi<ByteBuffer> dbi, int maxReaders) {
        this.directory = directory;
        this.identity = identity;
        this.env = env;
        this.dbi = dbi;
        this.readerSlots = new Semaphore(maxReaders);
        this.mapSize = env.info().mapSize;
    }

    /** Opens (creating if needed) the environment in {@code directory}. */
    static LmdbEnvironment open(Path directory, long initialMapSize, int maxReaders) {
        Path path = directory.toAbsolutePath().normalize();
        Path identity = createDirectory(path);
        if (!OPEN_DIRECTORIES.add(identity)) {
            throw new MetadataStoreException("Cannot open the metadata store at " + path
                    + ": it is already open in this process");
        }
        Env<ByteBuffer> env = null;
        try {
            env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                    .setMapSize(initialMapSize)
                    .setMaxDbs(1)
                    .setMaxReaders(maxReaders)
                    // No MDB_NOSYNC, MDB_NOMETASYNC or MDB_MAPASYNC: a commit returns once it is on disk.
                    .open(path.toFile(), EnvFlags.MDB_NOTLS);
            if (env.getMaxKeySize() < MetadataStore.MAX_KEY_BYTES) {
                throw new MetadataStoreException("Cannot open the metadata store at " + path
                        + ": the LMDB library accepts keys of only " + env.getMaxKeySize() + " bytes");
            }
            int stale = env.readerCheck();
            if (stale > 0) {
                LOG.info("Cleared {} reader slots of dead processes in the metadata store at {}", stale, path);
            }
            Dbi<ByteBuffer> dbi = env.openDbi(DATABASE, DbiFlags.MDB_CREATE);
            return new LmdbEnvironment(path, identity, env, dbi, maxReaders);
        } catch (RuntimeException | Error e) {
            if (env != null) {
                env.close();
            }
            OPEN_DIRECTORIES.remove(identity);
            if (e instanceof LmdbException) {
                throw new MetadataStoreException("Cannot open the metadata store at " + path + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static Path createDirectory(Path path) {
        try {
            Files.createDirectories(path);
        } catch (FileSystemException e) {
            throw new MetadataStoreException("Cannot create the metadata store directory " + path + ": " + reason(e, path), e);
        } catch (IOException e) {
            throw new MetadataStoreException("Cannot create the metadata store directory " + path + ": " + e, e);
        }
        if (!Files.isWritable(path)) {
            throw new MetadataStoreException("Cannot open the metadata store at " + path + ": the directory is not writable");
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new MetadataStoreException("Cannot open the metadata store at " + path + ": " + e, e);
        }
    }

    private static String reason(FileSystemException e, Path path) {
        String reason = e instanceof FileAlreadyExistsException ? "a file that is not a directory is in the way"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getReason() != null ? e.getReason()
                : e.getClass().getSimpleName();
        return e.getFile() == null || e.getFile().equals(path.toString()) ? reason : reason + " (" + e.getFile() + ")";
    }

    /** Runs {@code work} in a read transaction; what it returns must not point into LMDB memory. */
    <R> R read(Work<R> work) {
        readerSlots.acquireUninterruptibly();
        try {
            return transact(false, work);
        } finally {
            readerSlots.release();
        }
    }

    /**
     * Runs {@code work} in a write transaction and commits it, durably. If the map fills up, the
     * transaction is aborted, the map grows and {@code work} runs again from the start, so it must
     * decide only from what it reads in the transaction. A transaction that changed nothing commits
     * without writing to disk.
     *
     * <p><b>Group commit.</b> Writes that arrive while another is committing queue up; the next
     * thread to find no write running takes the whole queue and runs every queued work, in arrival
     * order, in one transaction with one synchronous flush. Each work still sees the writes before it
     * and decides alone, and each caller gets its own result once the group is on disk. If a work
     * throws, the group's transaction is aborted and each of its works runs again in a transaction of
     * its own, so one failing write never fails the others.
     */
    <R> R write(Work<R> work) {
        PendingWrite<R> mine = new PendingWrite<>(work);
        List<PendingWrite<?>> group;
        boolean interrupted = false;
        synchronized (queue) {
            queue.add(mine);
            while (!mine.done && leading) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // a write must not be abandoned halfway: keep waiting, restore the flag after
                }
            }
            if (!mine.done) {
                leading = true;
                group = List.copyOf(queue);
                queue.clear();
            } else {
                group = List.of();
            }
        }
        if (!group.isEmpty()) {
            try {
                commitGroup(group);
            } finally {
                synchronized (queue) {
                    leading = false;
                    queue.notifyAll();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return mine.result();
    }

    private void commitGroup(List<PendingWrite<?>> group) {
        if (group.size() == 1) {
            group.get(0).runAlone();
            return;
        }
        Object[] results;
        try {
            results = transact(true, (txn, db) -> {
                Object[] out = new Object[group.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = group.get(i).work.run(txn, db);
                }
                return out;
            });
        } catch (RuntimeException | Error e) {
            group.forEach(PendingWrite::runAlone);
            return;
        }
        for (int i = 0; i < results.length; i++) {
            group.get(i).succeed(results[i]);
        }
    }

    /** A write waiting for its group's commit; its fields are published by the queue's monitor. */
    private final class PendingWrite<R> {
        final Work<R> work;
        boolean done;
        private Object value;
        private Throwable failure;

        PendingWrite(Work<R> work) {
            this.work = work;
        }

        void succeed(Object result) {
            value = result;
            done = true;
        }

        void runAlone() {
            try {
                succeed(transact(true, work));
            } catch (RuntimeException | Error e) {
                failure = e;
                done = true;
            }
        }

        @SuppressWarnings("unchecked")
        R result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return (R) value;
        }
    }

    private <R> R transact(boolean write, Work<R> work) {
        for (int adoptions = 0; ; ) {
            Resize resize;
            long seenMapSize;
            Lock shared = transactions.readLock();
            shared.lock();
            try {
                checkOpen();
                seenMapSize = mapSize;
                try (Txn<ByteBuffer> txn = write ? env.txnWrite() : env.txnRead()) {
                    R result = work.run(txn, dbi);
                    if (write) {
                        txn.commit();
                    }
                    return result;
                } catch (Env.MapFullException e) {
                    resize = Resize.GROW;
                } catch (Dbi.MapResizedException e) {
                    resize = Resize.ADOPT;
                }
            } catch (LmdbException e) {
                throw failure(write ? "write to" : "read", e);
            } finally {
                shared.unlock();
            }
            if (resize == Resize.ADOPT && ++adoptions > MAX_ADOPTIONS) {
                throw new MetadataStoreException("Cannot " + (write ? "write to" : "read") + " the metadata store at "
                        + directory + ": another process keeps resizing its memory map");
            }
            resize(resize, seenMapSize);
        }
    }

    /**
     * Grows the map (doubling it) or adopts the size another process gave it, once no transaction of
     * this process is open. {@code seenMapSize} is the size the failed transaction ran with: if the map
     * changed since, another thread already resized it and the caller just retries.
     */
    private void resize(Resize resize, long seenMapSize) {
        Lock exclusive = transactions.writeLock();
        exclusive.lock();
        try {
            checkOpen();
            if (mapSize != seenMapSize) {
                return;
            }
            long before = mapSize;
            if (resize == Resize.GROW) {
                env.setMapSize(Math.multiplyExact(before, 2));
            } else {
                // MDB_MAP_RESIZED: another process grew the map (not expected: Tarn opens the store in
                // one process); size 0 adopts the size recorded in the environment.
                env.setMapSize(0);
            }
            mapSize = env.info().mapSize;
            LOG.info("{} the memory map of the metadata store at {} from {} to {} bytes",
                    resize == Resize.GROW ? "Grew" : "Adopted a resize of", directory, before, mapSize);
        } catch (LmdbException e) {
            throw failure("resize the memory map of", e);
        } catch (ArithmeticException e) {
            throw new MetadataStoreException("Cannot grow the memory map of the metadata store at " + directory
                    + " beyond " + mapSize + " bytes", e);
        } finally {
            exclusive.unlock();
        }
    }

    /** Fails with {@link IllegalStateException} if the environment is closed. */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Cannot use the metadata store at " + directory + ": it is closed");
        }
    }

    /** The current size of the memory map, in bytes. */
    long mapSize() {
        Lock shared = transactions.readLock();
        shared.lock();
        try {
            return mapSize;
        } finally {
            shared.unlock();
        }
    }

    Path directory() {
        return directory;
    }

    /** Closes the environment once running transactions have ended. Idempotent. */
    void close() {
        Lock exclusive = transactions.writeLock();
        exclusive.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                env.close();
            } finally {
                OPEN_DIRECTORIES.remove(identity);
            }
        } finally {
            exclusive.unlock();
        }
    }

    private MetadataStoreException failure(String action, LmdbException e) {
        return new MetadataStoreException("Cannot " + action + " the metadata store at " + directory + ": "
                + e.getMessage(), e);
    }
}
