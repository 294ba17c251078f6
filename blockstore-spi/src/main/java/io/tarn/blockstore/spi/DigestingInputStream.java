package io.tarn.blockstore.spi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes bytes through while counting them and computing their MD5 (the S3 ETag of a single-part
 * object) and the requested additional checksums. Plugins wrap the caller's stream in one so that
 * every backend reports size, ETag and checksums the same way.
 *
 * <p>When a length was announced, a stream that holds more bytes or ends before it fails with an
 * {@link IOException} naming the numbers, so a truncated or overlong upload is never stored as if
 * it were complete. The overlong check reads at most one byte past the announced length, in the
 * read that reaches it, so a consumer that stops reading after exactly the announced length still
 * gets the failure before it commits anything. The wrapped stream must therefore end where its
 * content ends (a request body bounded by its Content-Length, not a raw keep-alive connection).
 *
 * <p>Past its first {@value #INLINE_BYTES} bytes a stream hashes on a background thread, in order,
 * while the caller goes on reading and writing: MD5 alone costs about as much CPU as receiving and
 * storing the bytes, so a large upload would otherwise run at half the speed of its disk and
 * network. At most {@value #BUFFERS} buffers of {@value #BUFFER_BYTES} bytes wait for hashing, so
 * memory stays bounded; {@link #finish} waits for them. Small objects hash inline.
 *
 * <p>A caller that only passes the bytes on (to a file, say) can take them with {@link #readBlock}
 * instead: the stream then reads into buffers of its own and hashes each while the caller uses it,
 * which saves the copy {@code read} makes for the hasher. Use one way of reading or the other.
 * Not thread-safe; {@code mark}/{@code reset} are not supported.
 */
public final class DigestingInputStream extends FilterInputStream {
    static final int INLINE_BYTES = 4 << 20;
    static final int BUFFER_BYTES = 256 << 10;
    static final int BUFFERS = 8;
    private static final ExecutorService HASHING = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tarn-digest");
        thread.setDaemon(true);
        return thread;
    });

    private final long expectedLength;
    private final MessageDigest md5;
    private final Map<ChecksumAlgorithm, ChecksumAlgorithm.Hasher> hashers = new EnumMap<>(ChecksumAlgorithm.class);
    private final byte[] single = new byte[1];
    private long count;
    private boolean finished;
    private boolean overlong;
    /** Bytes copied for the background hasher, not yet handed over. */
    private byte[] pending;
    private int pendingLength;
    /** Free buffers: taking one waits while {@value #BUFFERS} are being hashed; null until hashing moves to the background. */
    private BlockingQueue<byte[]> free;
    /** Runs the background hashing, in order; null until it starts. */
    private InOrder background;
    /**
     * Gives back, on the caller's side, the block {@link #readBlock} last lent; null when there is
     * none or it was hashed inline.
     */
    private Runnable returnLent;
    /** The buffer blocks hashed inline are read into. */
    private byte[] inlineBuffer;

    /**
     * @param expectedLength the announced length, or {@code -1} when unknown
     * @param checksums the additional checksums to compute
     */
    public DigestingInputStream(InputStream in, long expectedLength, Set<ChecksumAlgorithm> checksums) {
        super(in);
        this.expectedLength = expectedLength;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JDK lacks it", e);
        }
        for (ChecksumAlgorithm algorithm : checksums) {
            hashers.put(algorithm, algorithm.newHasher());
        }
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (expectedLength >= 0 && count == expectedLength) {
            checkedEnd();
            return -1;
        }
        int max = expectedLength >= 0 ? (int) Math.min(len, expectedLength - count) : len;
        int n = super.read(b, off, max);
        if (n < 0) {
            checkedEnd();
            return -1;
        }
        if (background == null && count + n <= INLINE_BYTES) {
            hash(b, off, n);
        } else {
            handOver(b, off, n);
        }
        count += n;
        if (count == expectedLength) {
            // Check for surplus bytes now: a consumer that reads exactly the announced length never asks again.
            checkedEnd();
        }
        return n;
    }

    /**
     * The next bytes, up to {@value #BUFFER_BYTES} of them in a buffer of the stream's own, or
     * {@code null} at the end; the length checks are those of {@link #read(byte[], int, int)}.
     * The block is the caller's to read until its next call (or {@link #finish}), and must not be
     * written to; past the first {@value #INLINE_BYTES} bytes it is hashed meanwhile, on the
     * background thread.
     */
    public Block readBlock() throws IOException {
        giveBackLent();
        if (expectedLength >= 0 && count == expectedLength) {
            checkedEnd();
            return null;
        }
        boolean inline = background == null && count + BUFFER_BYTES <= INLINE_BYTES;
        byte[] buffer;
        if (inline) {
            if (inlineBuffer == null) {
                // No larger than the object: a 4 KiB upload needs no 256 KiB buffer.
                inlineBuffer = new byte[expectedLength >= 0 ? (int) Math.min(BUFFER_BYTES, expectedLength) : BUFFER_BYTES];
            }
            buffer = inlineBuffer;
        } else {
            startBackground();
            flushPending();
            buffer = takeBuffer();
        }
        int max = expectedLength >= 0 ? (int) Math.min(buffer.length, expectedLength - count) : buffer.length;
        int n = 0;
        try {
            n = in.readNBytes(buffer, 0, max);
        } finally {
            if (n == 0 && !inline) {
                free.add(buffer); // a failed read, or the end: nothing to lend
            }
        }
        if (n == 0) {
            checkedEnd();
            return null;
        }
        count += n;
        if (inline) {
            hash(buffer, 0, n);
        } else {
            // The hasher and the caller both read the buffer; the second to finish frees it.
            AtomicInteger holders = new AtomicInteger(2);
            Runnable giveBack = () -> {
                if (holders.decrementAndGet() == 0) {
                    free.add(buffer);
                }
            };
            int length = n;
            background.run(() -> hash(buffer, 0, length), giveBack);
            returnLent = giveBack;
        }
        if (count == expectedLength) {
            checkedEnd();
        }
        return new Block(buffer, n);
    }

    private void giveBackLent() {
        if (returnLent != null) {
            returnLent.run();
            returnLent = null;
        }
    }

    /** Bytes {@code 0} to {@code length} of {@code bytes}, lent by {@link #readBlock}. */
    public record Block(byte[] bytes, int length) {
    }

    private void hash(byte[] b, int off, int n) {
        md5.update(b, off, n);
        for (ChecksumAlgorithm.Hasher h : hashers.values()) {
            h.update(b, off, n);
        }
    }

    /** Copies bytes for the background hasher, handing a buffer over whenever it fills. */
    private void handOver(byte[] b, int off, int n) throws IOException {
        startBackground();
        while (n > 0) {
            if (pending == null) {
                pending = takeBuffer();
                pendingLength = 0;
            }
            int copied = Math.min(n, BUFFER_BYTES - pendingLength);
            System.arraycopy(b, off, pending, pendingLength, copied);
            pendingLength += copied;
            off += copied;
            n -= copied;
            if (pendingLength == BUFFER_BYTES) {
                flushPending();
            }
        }
    }

    private void startBackground() {
        if (background == null) {
            background = new InOrder();
            free = new ArrayBlockingQueue<>(BUFFERS);
            for (int i = 0; i < BUFFERS; i++) {
                free.add(new byte[BUFFER_BYTES]);
            }
        }
    }

    private void flushPending() {
        if (pending == null || pendingLength == 0) {
            return;
        }
        byte[] buffer = pending;
        int length = pendingLength;
        pending = null;
        background.run(() -> hash(buffer, 0, length), () -> free.add(buffer));
    }

    private byte[] takeBuffer() throws IOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the digest of earlier bytes");
        }
    }

    /** Waits until every byte read so far has been hashed. */
    private void awaitHashed() throws IOException {
        if (background == null) {
            return;
        }
        flushPending();
        background.await();
    }

    /**
     * Hashing tasks, run one after another on a pooled thread. The thread keeps draining while tasks
     * wait, so a large upload is hashed by one thread in one go rather than handed from thread to
     * thread every {@value #BUFFER_BYTES} bytes (each hand-over a wake-up that stalls the hasher,
     * which bounds the upload). Once a task fails, the later ones are skipped, but each still gives
     * its buffer back, so the reader never waits for a buffer that will not come.
     */
    static final class InOrder {
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private volatile Throwable failure;

        /** Runs {@code work}, unless an earlier task failed, and then {@code release} in any case. */
        void run(Runnable work, Runnable release) {
            tasks.add(() -> {
                try {
                    if (failure == null) {
                        work.run();
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    release.run();
                }
            });
            if (queued.getAndIncrement() == 0) {
                HASHING.execute(this::drain);
            }
        }

        private void drain() {
            do {
                tasks.remove().run();
            } while (queued.decrementAndGet() > 0);
        }

        /** Waits until every task handed over has run; fails when one of them did. */
        void await() throws IOException {
            CountDownLatch done = new CountDownLatch(1);
            run(() -> { }, done::countDown);
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the digest");
            }
            if (failure != null) {
                throw new IllegalStateException("Cannot compute the digest: " + failure, failure);
            }
        }
    }

    private void checkedEnd() throws IOException {
        if (finished || expectedLength < 0) {
            finished = true;
            return;
        }
        if (count < expectedLength) {
            throw new IOException("Cannot read the object: expected " + expectedLength + " bytes but the stream ended after " + count);
        }
        // One byte at most past the announced length, never more, however often the caller asks.
        if (overlong || in.read() >= 0) {
            overlong = true;
            throw new IOException("Cannot read the object: expected " + expectedLength + " bytes but the stream holds more");
        }
        finished = true;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("Cannot skip a digesting stream: every byte must be hashed");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /**
     * Reads to the end (when the caller stopped early) and returns what was computed: size, ETag
     * (lower-case hex MD5, no quotes) and the requested checksums. Call once.
     */
    public Digest finish() throws IOException {
        giveBackLent();
        byte[] buffer = new byte[8192];
        while (!finished) {
            if (read(buffer, 0, buffer.length) < 0) {
                break;
            }
        }
        awaitHashed();
        Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
        hashers.forEach((algorithm, hasher) -> values.put(algorithm, hasher.finishBase64()));
        return new Digest(count, HexFormat.of().formatHex(md5.digest()), values);
    }

    /** What a stream's bytes came to. */
    public record Digest(long size, String etag, Map<ChecksumAlgorithm, String> checksums) {
        public Digest {
            checksums = Map.copyOf(checksums);
        }
    }
}
