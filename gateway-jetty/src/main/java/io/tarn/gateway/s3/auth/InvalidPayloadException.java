package io.tarn.gateway.s3.auth;

import java.io.IOException;

/**
 * A body failed its check while being read (a chunk signature, the SHA-256, its framing or its
 * length); the cause says what to answer the client.
 */
final class InvalidPayloadException extends IOException {
    private static final long serialVersionUID = 1L;

    InvalidPayloadException(S3AuthException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized S3AuthException getCause() {
        return (S3AuthException) super.getCause();
    }
}
