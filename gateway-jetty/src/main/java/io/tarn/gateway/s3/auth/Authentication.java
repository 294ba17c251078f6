package io.tarn.gateway.s3.auth;

import io.tarn.gateway.access.AccessKey;
import java.io.InputStream;
import java.util.Map;

/**
 * A request whose signature checked out: who sent it, and how to read its body.
 */
public interface Authentication {
    /**
     * The access key that signed the request, as found when its signature was checked: its owner
     * is who the request acts for.
     */
    AccessKey accessKey();

    /** The access key id that signed the request. */
    default String accessKeyId() {
        return accessKey().accessKeyId();
    }

    /**
     * The request's payload, decoded and verified as it is read: an {@code aws-chunked} body is
     * de-chunked (checking each chunk's signature when signed), a body signed by its SHA-256 is
     * checked at its end. A failed check makes a read throw an {@link java.io.IOException} whose
     * cause is an {@link S3AuthException}. The caller closes the raw stream.
     *
     * @param raw the body as received
     */
    InputStream payload(InputStream raw);

    /**
     * The decoded payload's length: {@code x-amz-decoded-content-length} for chunked bodies,
     * {@code Content-Length} otherwise, or -1 when unknown.
     */
    long decodedLength();

    /**
     * Trailing headers of a chunked body ({@code x-amz-checksum-crc32c} and the like), names
     * lower-case; complete only once {@link #payload}'s stream has been read to its end. Empty when
     * there are none.
     */
    Map<String, String> trailers();
}
