package io.tarn.blockstore.spi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * Checksums and ETags computed the way the contract expects them, independently of the SPI's own
 * {@link ChecksumAlgorithm} and {@link DigestingInputStream}: the JDK's {@link CRC32},
 * {@link CRC32C} and {@link MessageDigest}, and a bit-by-bit CRC-64/NVME (the SPI's is table-driven).
 * Values are S3's: base64 of the big-endian checksum; ETags lower-case hex.
 */
public final class Digests {
    private Digests() {
    }

    /** Lower-case hex MD5: the ETag of a single-part object. */
    public static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("MD5", data));
    }

    /** S3's multipart ETag: hex of the MD5 of the concatenated binary MD5s of the parts, then {@code -N}. */
    public static String multipartEtag(List<byte[]> parts) {
        MessageDigest md5 = messageDigest("MD5");
        for (byte[] part : parts) {
            md5.update(digest("MD5", part));
        }
        return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
    }

    /** The value S3 reports for {@code algorithm} over {@code data}. */
    public static String expected(ChecksumAlgorithm algorithm, byte[] data) {
        return switch (algorithm) {
            case CRC32 -> base64(checksum(new CRC32(), data), 4);
            case CRC32C -> base64(checksum(new CRC32C(), data), 4);
            case CRC64NVME -> base64(crc64Nvme(data), 8);
            case SHA1 -> Base64.getEncoder().encodeToString(digest("SHA-1", data));
            case SHA256 -> Base64.getEncoder().encodeToString(digest("SHA-256", data));
        };
    }

    /** Base64 of the {@code width} low-order bytes of {@code value}, big-endian. */
    public static String base64(long value, int width) {
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            out[i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        return Base64.getEncoder().encodeToString(out);
    }

    /** CRC-64/NVME computed one bit at a time, straight from its definition (reflected). */
    public static long crc64Nvme(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
        }
        return ~crc;
    }

    /** A fresh JDK digest, for example {@code "MD5"}, for hashing streams incrementally. */
    public static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute " + algorithm + ": the JDK lacks it", e);
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        return messageDigest(algorithm).digest(data);
    }

    private static long checksum(Checksum checksum, byte[] data) {
        checksum.update(data, 0, data.length);
        return checksum.getValue();
    }
}
