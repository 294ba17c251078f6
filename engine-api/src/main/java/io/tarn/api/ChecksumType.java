package io.tarn.api;

import java.util.Locale;
import java.util.Set;

/**
 * How a multipart object's additional checksum is formed from its parts, as in S3's
 * {@code x-amz-checksum-type}.
 */
public enum ChecksumType {
    /** The checksum of the parts' checksums, written {@code <base64>-<part count>}; any algorithm but CRC64NVME. */
    COMPOSITE,
    /** The checksum of the whole object's bytes, combined from the parts' CRCs; CRCs only. */
    FULL_OBJECT;

    /** S3's default for an algorithm: full-object for CRC64NVME, composite for the others. */
    public static ChecksumType defaultFor(Set<String> algorithms) {
        return algorithms.stream().anyMatch(a -> a.equalsIgnoreCase("CRC64NVME")) ? FULL_OBJECT : COMPOSITE;
    }

    /**
     * Parses S3's spelling, in any case.
     *
     * @throws InvalidArgumentException naming the value when it is neither type
     */
    public static ChecksumType parse(String value) {
        for (ChecksumType t : values()) {
            if (t.name().equalsIgnoreCase(value.trim())) {
                return t;
            }
        }
        throw new InvalidArgumentException("checksum type", value, "expected COMPOSITE or FULL_OBJECT");
    }

    /**
     * Whether an object checksum of this type can be made with the algorithm.
     *
     * @throws InvalidArgumentException naming both when it cannot
     */
    public void checkAlgorithm(String algorithm) {
        String a = algorithm.toUpperCase(Locale.ROOT);
        boolean crc = a.equals("CRC32") || a.equals("CRC32C") || a.equals("CRC64NVME");
        if (this == FULL_OBJECT && !crc) {
            throw new InvalidArgumentException("checksum type", name(), "the " + a + " checksum of a multipart object can only be COMPOSITE");
        }
        if (this == COMPOSITE && a.equals("CRC64NVME")) {
            throw new InvalidArgumentException("checksum type", name(), "the CRC64NVME checksum of a multipart object can only be FULL_OBJECT");
        }
    }

    /** The type of a stored object checksum: composite values end in {@code -<part count>}. */
    public static ChecksumType of(String value) {
        return value.indexOf('-') >= 0 ? COMPOSITE : FULL_OBJECT;
    }
}
