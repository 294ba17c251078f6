package io.tarn.blockstore.s3;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The S3 blockstore's configuration, read from the {@code blockstore.s3.*} properties (each
 * overridable by {@code TARN_BLOCKSTORE_S3_<KEY>}).
 *
 * @param endpoint {@code endpoint}: the service URL of an S3-compatible store (MinIO, moto, Ceph…),
 *     or {@code null} for AWS itself
 * @param region {@code region}, default {@code us-east-1}
 * @param pathStyle {@code path-style}: address buckets as {@code endpoint/bucket/key} instead of
 *     {@code bucket.endpoint/key}; default false
 * @param accessKeyId {@code access-key-id}, with {@code secretAccessKey}: static credentials; both
 *     {@code null} to use the SDK's default credential chain (environment, profile, container, instance)
 * @param secretAccessKey {@code secret-access-key}: never logged; {@link #toString()} masks it
 * @param timeout {@code timeout}: the longest one S3 call may take, retries included (plus a second per
 *     MiB sent, for uploads), and the longest a transfer may stall; default 60s
 * @param maxRetries {@code max-retries}: retries, with exponential backoff, of calls that failed
 *     transiently (connection errors, throttling, 5xx); default 3
 * @param multipartCopyThreshold {@code multipart-copy-threshold}: server-side copies of larger objects
 *     use a multipart copy (UploadPartCopy) in parts of at most this size; default and maximum
 *     5 GiB (S3's limit for a single CopyObject), minimum 5 MiB (S3's minimum part size)
 * @param partSize {@code part-size}: the buffer in which objects larger than it are uploaded as
 *     multipart uploads; default 8 MiB, minimum 5 MiB, maximum 1 GiB. Memory use is one such buffer per
 *     upload in progress
 */
public record S3BlockStoreConfig(URI endpoint, String region, boolean pathStyle, String accessKeyId, String secretAccessKey,
        Duration timeout, int maxRetries, long multipartCopyThreshold, long partSize) {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    /** S3's smallest part but the last, and so the smallest part size and copy threshold Tarn accepts. */
    static final long MIN_PART_SIZE = 5 * MIB;
    /** S3's largest single PutObject, CopyObject and part. */
    static final long MAX_PART_SIZE = 5 * GIB;
    /** The largest part held in memory: a part buffer is one byte array. */
    static final long MAX_BUFFERED_PART_SIZE = GIB;
    static final String DEFAULT_REGION = "us-east-1";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_RETRIES = 3;
    static final long DEFAULT_PART_SIZE = 8 * MIB;

    public S3BlockStoreConfig {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(timeout, "timeout");
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new BlockStoreConfigException("Invalid blockstore.s3 credentials: set both blockstore.s3.access-key-id and "
                    + "blockstore.s3.secret-access-key, or neither to use the default credential chain");
        }
        if (region.isBlank()) {
            throw new BlockStoreConfigException("Invalid blockstore.s3.region '': it cannot be blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new BlockStoreConfigException("Invalid blockstore.s3.timeout '" + timeout + "': it must be positive");
        }
        if (maxRetries < 0 || maxRetries > 100) {
            throw new BlockStoreConfigException("Invalid blockstore.s3.max-retries '" + maxRetries + "': expected 0 to 100");
        }
        requirePartSize("multipart-copy-threshold", multipartCopyThreshold, MAX_PART_SIZE);
        requirePartSize("part-size", partSize, MAX_BUFFERED_PART_SIZE);
    }

    /** The defaults: AWS, us-east-1, the default credential chain. */
    public static S3BlockStoreConfig defaults() {
        return new S3BlockStoreConfig(null, DEFAULT_REGION, false, null, null, DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES, MAX_PART_SIZE, DEFAULT_PART_SIZE);
    }

    /**
     * Reads the {@code blockstore.s3.*} properties.
     *
     * @throws BlockStoreConfigException naming the property when a value is malformed or out of range
     */
    public static S3BlockStoreConfig from(BlockStoreConfig config) {
        return new S3BlockStoreConfig(
                endpoint(config, config.string("endpoint", null)),
                config.string("region", DEFAULT_REGION).trim(),
                config.bool("path-style", false),
                blankToNull(config.string("access-key-id", null)),
                blankToNull(config.string("secret-access-key", null)),
                config.positiveDuration("timeout", DEFAULT_TIMEOUT),
                (int) config.longValue("max-retries", DEFAULT_MAX_RETRIES, 0, 100),
                config.longValue("multipart-copy-threshold", MAX_PART_SIZE),
                config.longValue("part-size", DEFAULT_PART_SIZE));
    }

    /** The endpoint override, when one is configured. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    /** Whether static keys are configured (otherwise the SDK's default credential chain is used). */
    public boolean hasStaticCredentials() {
        return accessKeyId != null;
    }

    /** A copy with another endpoint, for example an emulator's. */
    public S3BlockStoreConfig withEndpoint(URI newEndpoint) {
        return new S3BlockStoreConfig(newEndpoint, region, pathStyle, accessKeyId, secretAccessKey, timeout, maxRetries, multipartCopyThreshold, partSize);
    }

    /** Where the store's requests go, for messages: the endpoint, or AWS and the region. */
    public String describeBackend() {
        return endpoint != null ? "endpoint " + endpoint : "AWS region " + region;
    }

    @Override
    public String toString() {
        return "S3BlockStoreConfig[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? "null" : "****")
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", multipartCopyThreshold=" + multipartCopyThreshold
                + ", partSize=" + partSize + "]";
    }

    private static URI endpoint(BlockStoreConfig config, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw config.invalid("endpoint", value, "expected http://host[:port] or https://host[:port]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw config.invalid("endpoint", value, e.getReason());
        }
    }

    private static void requirePartSize(String key, long value, long max) {
        if (value < MIN_PART_SIZE || value > max) {
            throw new BlockStoreConfigException("Invalid blockstore.s3." + key + " '" + value + "': expected " + MIN_PART_SIZE
                    + " (5 MiB) to " + max + " (" + (max >> 30) + " GiB) bytes");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
