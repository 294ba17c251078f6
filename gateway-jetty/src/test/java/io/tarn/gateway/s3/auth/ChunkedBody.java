package io.tarn.gateway.s3.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds aws-chunked bodies for the tests, signed by the {@link ReferenceSigner} (so independently
 * of the code under test) or unsigned.
 */
final class ChunkedBody {
    private final ReferenceSigner signer;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream decoded = new ByteArrayOutputStream();
    private final List<String[]> trailers = new ArrayList<>();
    private String previous;

    private ChunkedBody(ReferenceSigner signer, String seed) {
        this.signer = signer;
        this.previous = seed;
    }

    static ChunkedBody signed(ReferenceSigner signer, String seed) {
        return new ChunkedBody(signer, seed);
    }

    static ChunkedBody unsigned() {
        return new ChunkedBody(null, null);
    }

    ChunkedBody chunk(byte[] data) {
        StringBuilder header = new StringBuilder(Integer.toHexString(data.length));
        if (signer != null) {
            previous = signer.chunkSignature(previous, data);
            header.append(";chunk-signature=").append(previous);
        }
        ascii(header + "\r\n");
        if (data.length > 0) {
            out.writeBytes(data);
            decoded.writeBytes(data);
            ascii("\r\n");
        }
        return this;
    }

    /** The final, empty chunk. */
    ChunkedBody end() {
        return chunk(new byte[0]);
    }

    ChunkedBody trailer(String name, String value) {
        trailers.add(new String[] {name, value});
        ascii(name + ":" + value + "\r\n");
        return this;
    }

    /** The trailer signature over the trailers so far, chained from the final chunk's. */
    ChunkedBody trailerSignature() {
        return raw("x-amz-trailer-signature:" + signer.trailerSignature(previous, trailers) + "\r\n");
    }

    ChunkedBody raw(String text) {
        ascii(text);
        return this;
    }

    /** The closing empty line. */
    byte[] close() {
        ascii("\r\n");
        return out.toByteArray();
    }

    byte[] bytesSoFar() {
        return out.toByteArray();
    }

    byte[] decoded() {
        return decoded.toByteArray();
    }

    private void ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
