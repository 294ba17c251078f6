package io.tarn.blockstore.spi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The additional checksums S3 clients can ask for ({@code x-amz-checksum-*}). Values travel
 * base64-encoded, big-endian, exactly as S3 sends and returns them.
 */
public enum ChecksumAlgorithm {
    CRC32, CRC32C, CRC64NVME, SHA1, SHA256;

    /** A fresh, single-use computation of this checksum. Not thread-safe. */
    public Hasher newHasher() {
        return switch (this) {
            case CRC32 -> new ChecksumHasher(new CRC32(), 4);
            case CRC32C -> new ChecksumHasher(new CRC32C(), 4);
            case CRC64NVME -> new ChecksumHasher(new Crc64Nvme(), 8);
            case SHA1 -> new DigestHasher("SHA-1");
            case SHA256 -> new DigestHasher("SHA-256");
        };
    }

    /** The name S3 uses in headers, for example {@code crc64nvme} in {@code x-amz-checksum-crc64nvme}. */
    public String headerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an algorithm name as S3 spells it, in any case ({@code CRC32C}, {@code sha256}).
     *
     * @throws IllegalArgumentException naming the value when it is no known algorithm
     */
    public static ChecksumAlgorithm parse(String name) {
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Invalid checksum algorithm '" + name + "': expected one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256");
    }

    /** Whether this is a CRC, whose values over consecutive pieces combine into the value over the whole. */
    public boolean isCrc() {
        return this == CRC32 || this == CRC32C || this == CRC64NVME;
    }

    /**
     * The CRC of {@code a} followed by {@code b}, from the CRC of each and the length of {@code b}
     * (the zlib method: apply {@code lengthOfB} zero bytes to the first CRC with a GF(2) operator,
     * squaring it per bit of the length). This is how a full-object checksum of a multipart object
     * comes from its parts' checksums without reading the bytes again.
     *
     * @param a the raw big-endian CRC of the first piece
     * @param b the raw big-endian CRC of the second piece
     * @throws IllegalArgumentException when this algorithm is not a CRC, or a value has the wrong width
     */
    public byte[] combine(byte[] a, byte[] b, long lengthOfB) {
        int width = switch (this) {
            case CRC32, CRC32C -> 4;
            case CRC64NVME -> 8;
            default -> throw new IllegalArgumentException("Cannot combine " + name() + " values: only CRCs combine");
        };
        if (a.length != width || b.length != width) {
            throw new IllegalArgumentException("Invalid " + name() + " values of " + a.length + " and " + b.length + " bytes: expected " + width);
        }
        long crc = CrcCombination.combine(reflectedPolynomial(), width * 8, toLong(a), toLong(b), lengthOfB);
        byte[] out = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (byte) crc;
            crc >>>= 8;
        }
        return out;
    }

    private long reflectedPolynomial() {
        return switch (this) {
            case CRC32 -> 0xEDB88320L;
            case CRC32C -> 0x82F63B78L;
            default -> Crc64Nvme.POLYNOMIAL;
        };
    }

    private static long toLong(byte[] bytes) {
        long v = 0;
        for (byte x : bytes) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }

    /** An incremental checksum computation. */
    public interface Hasher {
        void update(byte[] bytes, int offset, int length);

        /** The checksum's raw bytes; the hasher is spent afterwards. */
        byte[] finish();

        /** The checksum base64-encoded, as S3 writes it. */
        default String finishBase64() {
            return Base64.getEncoder().encodeToString(finish());
        }
    }

    private static final class ChecksumHasher implements Hasher {
        private final Checksum checksum;
        private final int width;

        ChecksumHasher(Checksum checksum, int width) {
            this.checksum = checksum;
            this.width = width;
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            checksum.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            long value = checksum.getValue();
            byte[] out = new byte[width];
            for (int i = width - 1; i >= 0; i--) {
                out[i] = (byte) value;
                value >>>= 8;
            }
            return out;
        }
    }

    private static final class DigestHasher implements Hasher {
        private final MessageDigest digest;

        DigestHasher(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Cannot compute " + algorithm + ": the JDK lacks it", e);
            }
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            return digest.digest();
        }
    }

    /** CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xor-out all ones), as S3 computes it. */
    static final class Crc64Nvme implements Checksum {
        private static final long[] TABLE = new long[256];

        static final long POLYNOMIAL = 0x9A6C9329AC4BC9B5L;

        static {
            long poly = POLYNOMIAL;
            for (int i = 0; i < 256; i++) {
                long crc = i;
                for (int k = 0; k < 8; k++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
                }
                TABLE[i] = crc;
            }
        }

        private long crc = -1L;

        @Override
        public void update(int b) {
            crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
        }

        @Override
        public void update(byte[] b, int off, int len) {
            long c = crc;
            for (int i = off; i < off + len; i++) {
                c = TABLE[(int) ((c ^ b[i]) & 0xFF)] ^ (c >>> 8);
            }
            crc = c;
        }

        @Override
        public long getValue() {
            return ~crc;
        }

        @Override
        public void reset() {
            crc = -1L;
        }
    }
}
