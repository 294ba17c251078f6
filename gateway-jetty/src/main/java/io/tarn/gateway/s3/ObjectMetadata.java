package io.tarn.gateway.s3;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Object metadata between HTTP headers and an entry's user metadata. {@code x-amz-meta-*} pairs are
 * stored by lower-case name; the standard headers S3 keeps with an object (Cache-Control,
 * Content-Disposition, Content-Encoding, Content-Language, Expires) are stored under names starting
 * with {@code :}, which no HTTP header name can have, so they never collide with user metadata.
 */
final class ObjectMetadata {
    static final String[] STANDARD = {"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"};
    private static final String USER_PREFIX = "x-amz-meta-";
    /** S3's limit on user metadata: names and values together, in UTF-8 bytes. */
    static final int MAX_USER_METADATA_BYTES = 2048;

    private ObjectMetadata() {
    }

    static Map<String, String> fromHeaders(S3Call call) {
        Map<String, String> out = new LinkedHashMap<>(call.headersWithPrefix(USER_PREFIX));
        int size = 0;
        for (Map.Entry<String, String> e : out.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > MAX_USER_METADATA_BYTES) {
            throw new S3Error("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size: the x-amz-meta-* names and values take "
                    + size + " bytes, more than " + MAX_USER_METADATA_BYTES);
        }
        for (String name : STANDARD) {
            String value = call.header(name);
            if (value != null) {
                out.put(":" + name.toLowerCase(Locale.ROOT), value);
            }
        }
        return out;
    }

    /** Sets the object's metadata headers on the response. */
    static void toHeaders(Map<String, String> metadata, S3Call call) {
        metadata.forEach((name, value) -> {
            if (name.startsWith(":")) {
                for (String standard : STANDARD) {
                    if (standard.toLowerCase(Locale.ROOT).equals(name.substring(1))) {
                        call.setHeader(standard, value);
                    }
                }
            } else {
                call.setHeader(USER_PREFIX + name, value);
            }
        });
    }
}
