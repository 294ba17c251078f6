package io.tarn.blockstore.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * The bytes of a stored file from the channel's position on, at most {@code length} of them. It is
 * also a {@link ReadableByteChannel}, so that a server sending it can read into buffers of its own
 * (direct ones): the bytes then go from the page cache to the socket without a copy through the Java
 * heap, which a plain stream over a file channel makes twice. Not thread-safe.
 */
final class FileContent extends InputStream implements ReadableByteChannel {
    private final FileChannel channel;
    private long remaining;

    FileContent(FileChannel channel, long length) {
        this.channel = channel;
        this.remaining = length;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        int limit = dst.limit();
        if (dst.remaining() > remaining) {
            dst.limit(dst.position() + (int) remaining);
        }
        int n;
        try {
            n = channel.read(dst);
        } finally {
            dst.limit(limit);
        }
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : read(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = Math.max(0, Math.min(n, remaining));
        channel.position(channel.position() + skipped);
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Math.max(remaining, 0), Integer.MAX_VALUE);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
