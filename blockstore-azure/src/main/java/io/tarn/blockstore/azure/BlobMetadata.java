package io.tarn.blockstore.azure;

import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * What Tarn records with a blob in its metadata: the S3-style ETag (Azure's own ETag is an opaque
 * version stamp, not an MD5) and the checksums asked for when it was written. Metadata names are
 * C# identifiers, so {@code tarn_etag}, {@code tarn_crc32c}, ...
 */
final class BlobMetadata {
    static final String ETAG = "tarn_etag";
    private static final String CHECKSUM_PREFIX = "tarn_";

    private BlobMetadata() {
    }

    /** The metadata of an object with this ETag and these checksums. */
    static Map<String, String> of(String etag, Map<ChecksumAlgorithm, String> checksums) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(ETAG, etag);
        checksums.forEach((algorithm, value) -> metadata.put(CHECKSUM_PREFIX + algorithm.headerName(), value));
        return metadata;
    }

    /**
     * The stat of a blob from what Azure reports. A blob written by someone else (a presigned PUT)
     * has no Tarn metadata: its ETag is then the Content-MD5 Azure computed for a single-shot
     * upload, or, lacking that too, Azure's own ETag without quotes.
     */
    static ObjectStat stat(Location location, long size, OffsetDateTime lastModified, Map<String, String> metadata, byte[] contentMd5, String azureEtag) {
        Map<String, String> lower = new HashMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        }
        String etag = lower.get(ETAG);
        if (etag == null) {
            etag = contentMd5 != null && contentMd5.length == 16 ? HexFormat.of().formatHex(contentMd5) : azureEtag.replace("\"", "");
        }
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String value = lower.get(CHECKSUM_PREFIX + algorithm.headerName());
            if (value != null) {
                checksums.put(algorithm, value);
            }
        }
        return new ObjectStat(location, size, etag, lastModified.toInstant(), checksums);
    }
}
