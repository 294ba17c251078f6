package io.tarn.blockstore.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts writing a large file's bytes to disk while the rest is still arriving: every
 * {@value #EVERY_BYTES} bytes written, one background {@code fdatasync} of what is there so far
 * (skipped while the previous one runs). The final fsync before the file is renamed into place then
 * has only the tail left, instead of making the client wait for the whole object to reach the disk
 * after its last byte; the kernel would not start on its own until gigabytes were dirty. Durability
 * is unchanged: nothing is acknowledged before that final fsync.
 *
 * <p>{@link #close} waits for a flush in progress, so the channel is never closed under it.
 */
final class EarlyFlush implements AutoCloseable {
    static final long EVERY_BYTES = 32L << 20;
    private static final ExecutorService FLUSHING = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tarn-local-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final FileChannel out;
    private long unflushed;
    private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);

    EarlyFlush(FileChannel out) {
        this.out = out;
    }

    /** Records {@code n} more bytes written, starting a background flush past each threshold. */
    void written(int n) {
        unflushed += n;
        if (unflushed >= EVERY_BYTES && running.isDone()) {
            unflushed = 0;
            running = CompletableFuture.runAsync(() -> {
                try {
                    out.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, FLUSHING);
        }
    }

    /** Waits for the flush in progress; a failed one fails here, though the final fsync would catch it too. */
    @Override
    public void close() throws IOException {
        try {
            running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a flush to disk");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException("Cannot flush to disk: " + cause, cause);
        }
    }
}
