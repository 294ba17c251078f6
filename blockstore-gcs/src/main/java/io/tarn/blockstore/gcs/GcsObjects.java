package io.tarn.blockstore.gcs;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage.BlobField;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * How Tarn's objects map onto GCS objects: {@code gs://bucket/key} is object {@code key} in bucket
 * {@code bucket}. What GCS does not keep itself lives in the object's custom metadata: the S3 ETag
 * of a composed (multipart) object, which GCS gives no MD5, and the additional checksums.
 */
final class GcsObjects {
    static final String SCHEME = "gs";
    /** Custom metadata holding the ETag when it is not the object's own MD5. */
    static final String ETAG_KEY = "tarn-etag";
    static final String CHECKSUM_KEY_PREFIX = "tarn-checksum-";
    /** The fields every stat needs, so that reads and listings ask for no more. */
    static final BlobField[] STAT_FIELDS = {BlobField.NAME, BlobField.BUCKET, BlobField.SIZE, BlobField.MD5HASH, BlobField.CRC32C,
        BlobField.METADATA, BlobField.UPDATED, BlobField.GENERATION, BlobField.CONTENT_TYPE};

    private GcsObjects() {
    }

    /** The object a location names. @throws IllegalArgumentException when it is no {@code gs://bucket/key} */
    static BlobId blobId(Location location) {
        String key = checkedKey(location);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Invalid location '" + location + "': it names a bucket, not an object (expected gs://bucket/key)");
        }
        return BlobId.of(location.authority(), key);
    }

    /** The key (object name) of a location, empty for a bucket. */
    static String checkedKey(Location location) {
        if (!SCHEME.equals(location.scheme())) {
            throw new IllegalArgumentException("Invalid location '" + location + "': the gcs blockstore serves gs:// locations only");
        }
        if (location.authority().isEmpty()) {
            throw new IllegalArgumentException("Invalid location '" + location + "': it names no bucket (expected gs://bucket/key)");
        }
        return location.path();
    }

    static Location location(String bucket, String name) {
        return new Location(SCHEME, bucket, name);
    }

    /** Custom metadata recording an ETag (when given) and checksums. */
    static Map<String, String> metadata(String etag, Map<ChecksumAlgorithm, String> checksums) {
        Map<String, String> metadata = new HashMap<>();
        if (etag != null) {
            metadata.put(ETAG_KEY, etag);
        }
        checksums.forEach((algorithm, value) -> metadata.put(CHECKSUM_KEY_PREFIX + algorithm.headerName(), value));
        return metadata;
    }

    /** What Tarn knows of a stored object. */
    static ObjectStat stat(BlobInfo blob) {
        Map<String, String> metadata = blob.getMetadata() == null ? Map.of() : blob.getMetadata();
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        metadata.forEach((key, value) -> {
            if (key.startsWith(CHECKSUM_KEY_PREFIX) && value != null) {
                try {
                    checksums.put(ChecksumAlgorithm.parse(key.substring(CHECKSUM_KEY_PREFIX.length())), value);
                } catch (IllegalArgumentException foreign) {
                    // Metadata Tarn did not write: not a checksum of ours.
                }
            }
        });
        long size = blob.getSize() == null ? 0 : blob.getSize();
        return new ObjectStat(location(blob.getBucket(), blob.getName()), size, etag(blob, metadata), lastModified(blob), checksums);
    }

    /**
     * The recorded ETag, else the MD5 GCS computed, else (a composed object Tarn did not write, which
     * has neither) the hex CRC32C, so that the ETag still changes with the content.
     */
    static String etag(BlobInfo blob, Map<String, String> metadata) {
        String recorded = metadata.get(ETAG_KEY);
        if (recorded != null && !recorded.isBlank()) {
            return recorded.toLowerCase(Locale.ROOT);
        }
        if (blob.getMd5() != null) {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(blob.getMd5()));
        }
        if (blob.getCrc32c() != null) {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(blob.getCrc32c()));
        }
        return "";
    }

    static Instant lastModified(BlobInfo blob) {
        if (blob.getUpdateTimeOffsetDateTime() != null) {
            return blob.getUpdateTimeOffsetDateTime().toInstant();
        }
        if (blob.getCreateTimeOffsetDateTime() != null) {
            return blob.getCreateTimeOffsetDateTime().toInstant();
        }
        return Instant.now();
    }
}
