package io.tarn.gateway.s3.auth;

import java.util.Locale;

/** How a SigV4 request's body is protected, as its {@code x-amz-content-sha256} header says. */
enum PayloadMode {
    /** The header is the body's SHA-256, checked once the body has been read. */
    SHA256(false, false, false),
    /** {@code UNSIGNED-PAYLOAD}: the body is not covered by the signature. */
    UNSIGNED(false, false, false),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked, every chunk signed. */
    STREAMING_SIGNED(true, false, false),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks, then signed trailers. */
    STREAMING_SIGNED_TRAILER(true, true, true),
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked without signatures, then trailers. */
    STREAMING_UNSIGNED_TRAILER(false, true, false);

    private final boolean signedChunks;
    private final boolean trailers;
    private final boolean signedTrailers;

    PayloadMode(boolean signedChunks, boolean trailers, boolean signedTrailers) {
        this.signedChunks = signedChunks;
        this.trailers = trailers;
        this.signedTrailers = signedTrailers;
    }

    /** The mode named by an {@code x-amz-content-sha256} value, or null when it names none. */
    static PayloadMode of(String contentSha256) {
        return switch (contentSha256) {
            case "UNSIGNED-PAYLOAD" -> UNSIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" -> STREAMING_SIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" -> STREAMING_SIGNED_TRAILER;
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> STREAMING_UNSIGNED_TRAILER;
            default -> Hashing.isLowerHex(contentSha256.toLowerCase(Locale.ROOT), 64) ? SHA256 : null;
        };
    }

    boolean chunked() {
        return this == STREAMING_SIGNED || trailers;
    }

    boolean signedChunks() {
        return signedChunks;
    }

    boolean trailers() {
        return trailers;
    }

    boolean signedTrailers() {
        return signedTrailers;
    }
}
