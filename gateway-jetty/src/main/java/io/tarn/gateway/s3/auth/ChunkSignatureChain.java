package io.tarn.gateway.s3.auth;

/**
 * The chained signatures of an {@code aws-chunked} body: each chunk's signature covers its data and
 * the previous signature, starting from the request's own (the seed), so chunks can be neither
 * altered, dropped nor reordered; the trailer signature closes the chain. Not thread-safe: one
 * body, read by one thread.
 */
final class ChunkSignatureChain {
    private final SigV4SigningKey key;
    private final String timestamp;
    private final String scope;
    private String previous;

    /**
     * @param timestamp the request's time, ISO 8601 basic
     * @param scope the credential scope
     * @param seed the signature of the request itself
     */
    ChunkSignatureChain(SigV4SigningKey key, String timestamp, String scope, String seed) {
        this.key = key;
        this.timestamp = timestamp;
        this.scope = scope;
        this.previous = seed;
    }

    /** Whether a chunk's signature is right; when it is, the chain moves on past that chunk. */
    boolean verifyChunk(byte[] dataSha256, String received) {
        return verify("AWS4-HMAC-SHA256-PAYLOAD\n" + timestamp + "\n" + scope + "\n" + previous + "\n"
                + Hashing.EMPTY_SHA256 + "\n" + Hashing.hex(dataSha256), received);
    }

    /**
     * Whether the trailer's signature is right.
     *
     * @param canonicalTrailersSha256 SHA-256 of the trailers as {@code name:value\n} lines
     */
    boolean verifyTrailer(byte[] canonicalTrailersSha256, String received) {
        return verify("AWS4-HMAC-SHA256-TRAILER\n" + timestamp + "\n" + scope + "\n" + previous + "\n"
                + Hashing.hex(canonicalTrailersSha256), received);
    }

    private boolean verify(String stringToSign, String received) {
        String expected = key.sign(stringToSign);
        if (!Hashing.sameSignature(received, expected)) {
            return false;
        }
        previous = expected;
        return true;
    }
}
