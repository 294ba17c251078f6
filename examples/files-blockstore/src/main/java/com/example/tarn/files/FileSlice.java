package com.example.tarn.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A run of bytes of an open file, read as a channel: what {@code get} hands out, wrapped in an
 * {@link java.io.InputStream} by {@link java.nio.channels.Channels#newInputStream}. It reads with
 * positional reads and ends at its last byte, so a ranged read never returns bytes past its range.
 * The caller owns the file: closing the slice closes it. Not thread-safe.
 */
final class FileSlice implements ReadableByteChannel {
    private final FileChannel file;
    private long position;
    private final long end;

    /** Bytes {@code offset} (inclusive) to {@code offset + length} (exclusive) of {@code file}. */
    FileSlice(FileChannel file, long offset, long length) {
        this.file = file;
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        if (position >= end) {
            return -1;
        }
        ByteBuffer window = destination.slice();
        window.limit((int) Math.min(window.remaining(), end - position));
        int n = file.read(window, position);
        if (n < 0) {
            throw new IOException("Cannot read the object: its file ended " + (end - position) + " bytes early");
        }
        position += n;
        destination.position(destination.position() + n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
