package io.tarn.blockstore.spi;

import java.util.Objects;
import java.util.Set;

/**
 * How to write an object.
 *
 * @param checksums additional checksums to compute while writing and return (MD5 is always computed)
 * @param contentType the media type a backend should serve the object with, for example through a
 *     presigned URL; backends without the notion ignore it
 */
public record PutOptions(Set<ChecksumAlgorithm> checksums, String contentType) {
    /** No additional checksums, {@code application/octet-stream}. */
    public static final PutOptions DEFAULT = new PutOptions(Set.of(), "application/octet-stream");

    public PutOptions {
        checksums = Set.copyOf(checksums);
        Objects.requireNonNull(contentType, "contentType");
    }

    /** Default options computing the given checksums. */
    public static PutOptions withChecksums(Set<ChecksumAlgorithm> checksums) {
        return new PutOptions(checksums, DEFAULT.contentType());
    }
}
