package io.tarn.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Random;

/**
 * A request body of any length made on the fly: views of one 1 MiB block of seeded random bytes,
 * repeated, so a 1 GiB upload holds no more than that block in memory. The block is a read-only
 * direct buffer shared by every body, so it goes to the socket without being copied, which keeps
 * the load generator's CPU low on a machine it shares with the server. Immutable.
 */
final class GeneratedBody {
    private static final int BLOCK_BYTES = 1 << 20;
    private static final ByteBuffer BLOCK = block();

    private final long length;

    GeneratedBody(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("Invalid body length " + length + ": must be at least 0");
        }
        this.length = length;
    }

    private static ByteBuffer block() {
        byte[] bytes = new byte[BLOCK_BYTES];
        new Random(4).nextBytes(bytes);
        return ByteBuffer.allocateDirect(BLOCK_BYTES).put(bytes).flip().asReadOnlyBuffer();
    }

    long length() {
        return length;
    }

    /** Writes {@code head}, then the body, to a blocking channel; the head and the first block go in one call. */
    void writeTo(GatheringByteChannel channel, ByteBuffer head) throws IOException {
        long sent = 0;
        ByteBuffer[] buffers = {head, view(0)};
        sent += buffers[1].remaining();
        while (head.hasRemaining() || buffers[1].hasRemaining()) {
            channel.write(buffers);
        }
        while (sent < length) {
            ByteBuffer next = view(sent);
            sent += next.remaining();
            while (next.hasRemaining()) {
                channel.write(next);
            }
        }
    }

    /** The bytes from {@code offset} to the end of the body or of the block, whichever comes first. */
    private ByteBuffer view(long offset) {
        int n = (int) Math.min(BLOCK_BYTES, length - offset);
        ByteBuffer view = BLOCK.duplicate();
        view.limit(n);
        return view;
    }
}
