package io.tarn.api;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One version of one object: where its bytes are and what describes them.
 *
 * @param address the physical address: relative to the repository's storage namespace (for example
 *     {@code data/01J...}), or an absolute location such as {@code s3://bucket/key} for imported objects
 * @param size bytes
 * @param etag lower-case hex, no quotes ({@code md5} or {@code md5-N} for multipart)
 * @param checksums additional checksums by S3 algorithm name ({@code CRC32C} → base64 value)
 * @param contentType the media type
 * @param userMetadata {@code x-amz-meta-*} pairs, names lower-case without the prefix
 * @param tags object tags
 * @param lastModified when this version was written (millisecond precision)
 */
public record Entry(String address, long size, String etag, Map<String, String> checksums, String contentType,
        Map<String, String> userMetadata, Map<String, String> tags, Instant lastModified) {
    private static final byte ENCODING_VERSION = 1;

    public Entry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(lastModified, "lastModified");
        if (address.isEmpty()) {
            throw new InvalidArgumentException("address", address, "it cannot be empty");
        }
        if (size < 0) {
            throw new InvalidArgumentException("size", Long.toString(size), "it cannot be negative");
        }
        checksums = Map.copyOf(checksums);
        userMetadata = Map.copyOf(userMetadata);
        tags = Map.copyOf(tags);
        lastModified = Instant.ofEpochMilli(lastModified.toEpochMilli());
    }

    /**
     * The entry's identity: SHA-256 (lower-case hex) over a versioned, typed, length-prefixed encoding
     * of size, ETag, content type, user metadata and tags (maps in key order). Address and time are
     * left out, so writing the same bytes and metadata again is "no change" for diff and merge.
     */
    public String identity() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(ENCODING_VERSION);
            out.writeLong(size);
            writeString(out, etag);
            writeString(out, contentType);
            writeMap(out, userMetadata);
            writeMap(out, tags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute SHA-256: the JDK lacks it", e);
        }
    }

    /** Whether the two entries are the same content for diff and merge (equal identities). */
    public boolean sameContent(Entry other) {
        return other != null && identity().equals(other.identity());
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }
}
