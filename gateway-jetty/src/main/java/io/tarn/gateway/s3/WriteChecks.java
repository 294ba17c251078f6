package io.tarn.gateway.s3;

import io.tarn.api.Entry;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The digests a client announced for an upload: Content-MD5 and one {@code x-amz-checksum-*},
 * in a header or in the trailer of a chunked body. Checked against what the engine computed from
 * the bytes, before the object is staged: a mismatch is BadDigest and stages nothing.
 */
final class WriteChecks {
    private final String md5Hex;
    private final String algorithm;
    private final String headerValue;

    private WriteChecks(String md5Hex, String algorithm, String headerValue) {
        this.md5Hex = md5Hex;
        this.algorithm = algorithm;
        this.headerValue = headerValue;
    }

    static WriteChecks of(S3Call call) {
        String md5 = call.header("Content-MD5");
        String md5Hex = md5 == null ? null : ObjectOperations.hexOfBase64(md5, "Content-MD5");
        String algorithm = null;
        String value = null;
        for (String alg : ObjectOperations.CHECKSUMS) {
            String v = call.header("x-amz-checksum-" + alg.toLowerCase(Locale.ROOT));
            if (v != null) {
                if (algorithm != null) {
                    throw S3Error.invalidArgument("Expecting a single x-amz-checksum- header. Multiple checksum types are not allowed.");
                }
                algorithm = alg;
                value = v;
            }
        }
        String trailer = call.header("x-amz-trailer");
        if (algorithm == null && trailer != null && trailer.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-")) {
            algorithm = trailer.substring("x-amz-checksum-".length()).trim().toUpperCase(Locale.ROOT);
        }
        String declared = call.header("x-amz-sdk-checksum-algorithm");
        if (algorithm == null && declared != null) {
            algorithm = declared.toUpperCase(Locale.ROOT);
        }
        if (algorithm != null && !ObjectOperations.CHECKSUMS.contains(algorithm)) {
            throw new S3Error("InvalidRequest", 400, "Invalid checksum algorithm '" + algorithm + "': expected one of " + ObjectOperations.CHECKSUMS);
        }
        return new WriteChecks(md5Hex, algorithm, value);
    }

    Set<String> algorithms() {
        return algorithm == null ? Set.of() : Set.of(algorithm);
    }

    /** @throws S3Error BadDigest when the bytes do not match an announced digest */
    void verify(Entry written, Map<String, String> trailers) {
        verify(written.etag(), written.checksums(), trailers);
    }

    /**
     * @param etag the MD5 (hex) computed over the bytes
     * @param checksums the checksums computed over them, by algorithm
     */
    void verify(String etag, Map<String, String> checksums, Map<String, String> trailers) {
        if (md5Hex != null && !etag.equalsIgnoreCase(md5Hex)) {
            throw new S3Error("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
        }
        if (algorithm == null) {
            return;
        }
        String expected = headerValue != null ? headerValue : trailers.get("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT));
        if (expected != null && !expected.trim().equals(checksums.get(algorithm))) {
            throw new S3Error("BadDigest", 400, "The x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT)
                    + " you specified did not match the calculated checksum.");
        }
    }

    /** S3 answers an upload with the checksum it computed. */
    void echo(S3Call call, Entry written) {
        if (algorithm != null && written.checksums().containsKey(algorithm)) {
            call.setHeader("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT), written.checksums().get(algorithm));
        }
    }
}
