package io.tarn.graveler.meta;

import java.nio.ByteBuffer;

/**
 * Moves bytes between Java arrays and the direct buffers through which lmdbjava talks to LMDB.
 *
 * <p>Buffers handed out by lmdbjava point into LMDB's memory map and are only valid until the
 * transaction ends (and, for the reused buffer objects of a transaction or cursor, until the next
 * call on it), so everything that leaves a transaction is {@link #copy copied} first.
 */
final class LmdbBytes {
    /*
     * LMDB only reads a key during the call it is passed to, and every call needs at most one key at a
     * time, so one buffer per thread is enough: no call allocates direct memory for its key.
     */
    private static final ThreadLocal<ByteBuffer> KEY_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MetadataStore.MAX_KEY_BYTES));

    private LmdbBytes() {
    }

    /**
     * {@code key} in this thread's direct key buffer, valid until the next call of this method on the
     * same thread. The caller has checked that the key is at most {@link MetadataStore#MAX_KEY_BYTES}.
     */
    static ByteBuffer key(byte[] key) {
        ByteBuffer buffer = KEY_BUFFER.get().clear();
        return buffer.put(key).flip();
    }

    /** The remaining bytes of {@code buffer}, copied onto the heap; the buffer is not moved. */
    static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }

    /** Whether the remaining bytes of {@code buffer} are exactly {@code bytes}. */
    static boolean contentEquals(ByteBuffer buffer, byte[] bytes) {
        return buffer.equals(ByteBuffer.wrap(bytes));
    }

    /** Whether the remaining bytes of {@code buffer} start with {@code prefix}. */
    static boolean startsWith(ByteBuffer buffer, byte[] prefix) {
        return buffer.remaining() >= prefix.length
                && buffer.slice(buffer.position(), prefix.length).equals(ByteBuffer.wrap(prefix));
    }
}
