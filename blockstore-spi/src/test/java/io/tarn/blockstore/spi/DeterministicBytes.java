package io.tarn.blockstore.spi;

import java.io.InputStream;
import java.util.Objects;

/**
 * A reproducible pseudo-random byte sequence of any length. Byte {@code i} of the sequence for a
 * seed depends only on the seed and {@code i}, so a test can stream a gigabyte into a store, then
 * regenerate any slice of it to compare with what comes back, without ever holding the object in
 * memory.
 *
 * <p>The generator is SplitMix64 over the index of each 8-byte word: fast (about as fast as memory
 * copies) and good enough that no two offsets of a test object look alike. Not cryptographic.
 * Thread-safe (stateless); the streams it returns are not.
 */
public final class DeterministicBytes {
    private DeterministicBytes() {
    }

    /** A stream of the first {@code length} bytes of the sequence for {@code seed}. */
    public static InputStream stream(long seed, long length) {
        return new SequenceStream(seed, 0, length);
    }

    /** The first {@code length} bytes of the sequence for {@code seed}, for small objects. */
    public static byte[] bytes(long seed, int length) {
        return slice(seed, 0, length);
    }

    /** {@code length} bytes of the sequence for {@code seed} starting at {@code offset}. */
    public static byte[] slice(long seed, long offset, int length) {
        byte[] out = new byte[length];
        fill(seed, offset, out, 0, length);
        return out;
    }

    /** Writes bytes {@code offset .. offset+length-1} of the sequence into {@code out} at {@code at}. */
    static void fill(long seed, long offset, byte[] out, int at, int length) {
        int i = 0;
        while (i < length) {
            long position = offset + i;
            long word = word(seed, position >>> 3);
            int shift = (int) (position & 7);
            int take = Math.min(8 - shift, length - i);
            for (int k = 0; k < take; k++) {
                out[at + i + k] = (byte) (word >>> (8 * (shift + k)));
            }
            i += take;
        }
    }

    private static long word(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final class SequenceStream extends InputStream {
        private final long seed;
        private final long end;
        private long position;

        SequenceStream(long seed, long start, long length) {
            if (length < 0) {
                throw new IllegalArgumentException("Invalid length " + length + ": it cannot be negative");
            }
            this.seed = seed;
            this.position = start;
            this.end = start + length;
        }

        @Override
        public int read() {
            if (position >= end) {
                return -1;
            }
            byte[] one = new byte[1];
            fill(seed, position++, one, 0, 1);
            return one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int n = (int) Math.min(len, end - position);
            fill(seed, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
