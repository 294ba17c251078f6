package io.tarn.blockstore.spi;

/**
 * A byte range of an object as HTTP and S3 express it: {@code first-last} (inclusive),
 * {@code first-} (to the end) or {@code -suffixLength} (the last bytes).
 *
 * <p>Build one with {@link #closed}, {@link #from} or {@link #suffix}; turn it into concrete offsets
 * for an object of known size with {@link #resolve}.
 */
public record ByteRange(long first, long last, long suffixLength) {
    private static final long NONE = -1;

    public ByteRange {
        boolean isSuffix = suffixLength != NONE;
        if (isSuffix && (first != NONE || last != NONE || suffixLength < 0)) {
            throw new IllegalArgumentException("Invalid byte range: a suffix range has only a non-negative length, got " + describe(first, last, suffixLength));
        }
        if (!isSuffix && (first < 0 || (last != NONE && last < first))) {
            throw new IllegalArgumentException("Invalid byte range '" + describe(first, last, suffixLength) + "': the first byte must be non-negative and not after the last");
        }
    }

    /** Bytes {@code first} to {@code last}, both included. */
    public static ByteRange closed(long first, long last) {
        return new ByteRange(first, last, NONE);
    }

    /** Bytes from {@code first} to the end. */
    public static ByteRange from(long first) {
        return new ByteRange(first, NONE, NONE);
    }

    /** The last {@code length} bytes (the whole object when it is shorter). */
    public static ByteRange suffix(long length) {
        return new ByteRange(NONE, NONE, length);
    }

    /**
     * The offset and length this range covers in an object of {@code size} bytes. As in HTTP, a last
     * byte past the end is clamped to the end, and a suffix longer than the object covers all of it.
     *
     * @throws InvalidRangeException when no byte of the object is covered (the first byte is at or
     *     past the end, a zero-length suffix, or any range of an empty object)
     */
    public Span resolve(long size) {
        if (suffixLength != NONE) {
            if (suffixLength == 0 || size == 0) {
                throw new InvalidRangeException(this, size);
            }
            long length = Math.min(suffixLength, size);
            return new Span(size - length, length);
        }
        if (first >= size) {
            throw new InvalidRangeException(this, size);
        }
        long end = last == NONE ? size - 1 : Math.min(last, size - 1);
        return new Span(first, end - first + 1);
    }

    /** The HTTP form, for example {@code bytes=0-99}, {@code bytes=100-} or {@code bytes=-5}. */
    @Override
    public String toString() {
        return "bytes=" + describe(first, last, suffixLength);
    }

    private static String describe(long first, long last, long suffixLength) {
        if (suffixLength != NONE) {
            return "-" + suffixLength;
        }
        return first + "-" + (last == NONE ? "" : Long.toString(last));
    }

    /** A resolved range: {@code length} bytes starting at {@code offset}. */
    public record Span(long offset, long length) {
        /** The last byte covered, inclusive, as in a {@code Content-Range} header. */
        public long lastByte() {
            return offset + length - 1;
        }
    }
}
