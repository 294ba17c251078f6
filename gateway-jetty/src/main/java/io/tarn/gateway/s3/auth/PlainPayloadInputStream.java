package io.tarn.gateway.s3.auth;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A body sent as is (not aws-chunked): passes it through, and at its end checks that it had the
 * announced length and, when the request signed it by its SHA-256, that hash. The failure comes
 * with the read that would have returned end of stream, so a caller that reads to the end never
 * takes a bad body for a good one. Does not close the raw stream. Not thread-safe.
 */
final class PlainPayloadInputStream extends InputStream {
    private final byte[] one = new byte[1];
    private final InputStream raw;
    private final long expectedLength;
    private final String expectedSha256;
    private final MessageDigest digest;
    private long count;
    private boolean ended;
    private InvalidPayloadException failure;

    /**
     * @param expectedLength the {@code Content-Length}, or -1 when unknown
     * @param expectedSha256 lower-case hex SHA-256 the body must have, or null when unsigned
     */
    PlainPayloadInputStream(InputStream raw, long expectedLength, String expectedSha256) {
        this.raw = raw;
        this.expectedLength = expectedLength;
        this.expectedSha256 = expectedSha256;
        this.digest = expectedSha256 == null ? null : Hashing.sha256();
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = raw.read(b, off, len);
        if (n < 0) {
            ended = true;
            check();
            return -1;
        }
        count += n;
        if (digest != null) {
            digest.update(b, off, n);
        }
        if (expectedLength >= 0 && count > expectedLength) {
            throw fail(AuthFailures.invalidRequest("The body is longer than its Content-Length " + expectedLength));
        }
        return n;
    }

    private void check() throws InvalidPayloadException {
        if (expectedLength >= 0 && count < expectedLength) {
            throw fail(AuthFailures.incompleteBody("The body ended after " + count + " of its "
                    + expectedLength + " bytes"));
        }
        if (digest != null && !Hashing.sameSignature(Hashing.hex(digest.digest()), expectedSha256)) {
            throw fail(AuthFailures.contentSha256Mismatch());
        }
    }

    private InvalidPayloadException fail(S3AuthException cause) {
        failure = new InvalidPayloadException(cause);
        return failure;
    }

    @Override
    public int available() throws IOException {
        return ended || failure != null ? 0 : raw.available();
    }
}
