package io.tarn.gateway.s3.auth;

import io.tarn.gateway.access.AccessKey;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** A request whose signature checked out, with what reading its body needs. */
final class VerifiedRequest implements Authentication {
    private final AccessKey accessKey;
    private final PayloadMode mode;
    private final String contentSha256;
    private final ChunkSignatureChain chain;
    private final long contentLength;
    private final long decodedLength;
    private final AtomicBoolean bodyTaken = new AtomicBoolean();
    private volatile Map<String, String> trailers = Map.of();

    private VerifiedRequest(AccessKey accessKey, PayloadMode mode, String contentSha256, ChunkSignatureChain chain,
            long contentLength, long decodedLength) {
        this.accessKey = accessKey;
        this.mode = mode;
        this.contentSha256 = contentSha256;
        this.chain = chain;
        this.contentLength = contentLength;
        this.decodedLength = decodedLength;
    }

    /**
     * A SigV4 request.
     *
     * @param contentSha256 the {@code x-amz-content-sha256} value, already known to name {@code mode}
     * @param chain the chain seeded by the request's signature (used only by signed chunks)
     */
    static VerifiedRequest sigV4(AccessKey accessKey, SignedRequest request, PayloadMode mode, String contentSha256,
            ChunkSignatureChain chain) {
        long contentLength = length(request, "content-length");
        return new VerifiedRequest(accessKey, mode,
                mode == PayloadMode.SHA256 ? contentSha256.toLowerCase(Locale.ROOT) : null,
                mode.signedChunks() ? chain : null,
                contentLength,
                mode.chunked() ? length(request, "x-amz-decoded-content-length") : contentLength);
    }

    /** A SigV2 request: SigV2 does not sign the body (Content-MD5, when sent, is checked elsewhere). */
    static VerifiedRequest sigV2(AccessKey accessKey, SignedRequest request) {
        long contentLength = length(request, "content-length");
        return new VerifiedRequest(accessKey, PayloadMode.UNSIGNED, null, null, contentLength, contentLength);
    }

    private static long length(SignedRequest request, String header) {
        String value = request.header(header);
        if (value == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AuthFailures.invalidArgument("Invalid " + header + " '" + value + "'");
    }

    @Override
    public AccessKey accessKey() {
        return accessKey;
    }

    /** @throws IllegalStateException when called a second time: a request has one body */
    @Override
    public InputStream payload(InputStream raw) {
        if (!bodyTaken.compareAndSet(false, true)) {
            throw new IllegalStateException("Cannot read the payload twice");
        }
        if (mode.chunked()) {
            return new AwsChunkedInputStream(raw, mode, chain, decodedLength, received -> trailers = received);
        }
        return new PlainPayloadInputStream(raw, contentLength, contentSha256);
    }

    @Override
    public long decodedLength() {
        return decodedLength;
    }

    @Override
    public Map<String, String> trailers() {
        return trailers;
    }

    @Override
    public String toString() {
        return "VerifiedRequest[accessKeyId=" + accessKey.accessKeyId() + ", mode=" + mode + "]";
    }
}
