package io.tarn.api;

import java.io.InputStream;
import java.util.Objects;

/**
 * An object opened for reading: its entry and a stream of the requested bytes, which the caller
 * must close.
 *
 * @param offset the first byte the stream yields
 * @param length how many bytes it yields
 */
public record ObjectContent(Entry entry, long offset, long length, InputStream stream) implements AutoCloseable {
    public ObjectContent {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(stream, "stream");
    }

    @Override
    public void close() throws java.io.IOException {
        stream.close();
    }
}
