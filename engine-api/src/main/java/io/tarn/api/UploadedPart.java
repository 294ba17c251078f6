package io.tarn.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored part of a multipart upload.
 *
 * @param etag lower-case hex MD5 of the part, no quotes
 * @param checksums the checksums asked for when it was uploaded, by S3 algorithm name, base64
 */
public record UploadedPart(int partNumber, String etag, long size, Map<String, String> checksums, Instant lastModified) {
    public UploadedPart {
        Objects.requireNonNull(etag, "etag");
        checksums = Map.copyOf(checksums);
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
