package io.tarn.gateway.s3.upstream;

import io.tarn.gateway.s3.auth.S3AuthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The client's body framed again as {@code aws-chunked} with its checksum trailer, for the
 * upstream: a client that sends its checksum as a trailer (boto3 over HTTPS, the AWS SDK for Java)
 * knows it only after the last byte, so Tarn cannot turn it into a header. The upstream receives
 * the decoded bytes in 64 KiB chunks, then the trailer the client sent, and checks and stores the
 * checksum itself ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}). The framed length is known in
 * advance, as S3 requires a {@code Content-Length}: every checksum's value has a fixed length.
 * Read by the HTTP client's thread.
 */
final class TrailerReframing extends InputStream {
    /** What the upstream's signature names as the payload. */
    static final String PAYLOAD = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    static final int CHUNK = 64 * 1024;
    /** The length of each checksum trailer's base64 value. */
    private static final Map<String, Integer> VALUE_LENGTHS = Map.of(
            "x-amz-checksum-crc32", 8, "x-amz-checksum-crc32c", 8, "x-amz-checksum-crc64nvme", 12,
            "x-amz-checksum-sha1", 28, "x-amz-checksum-sha256", 44);
    private static final byte[] CRLF = {'\r', '\n'};

    private final ForwardedBody body;
    private final String trailer;
    private final Supplier<Map<String, String>> trailers;
    private final byte[] data = new byte[CHUNK];
    private final byte[] one = new byte[1];
    private byte[] pending = new byte[0];
    private int position;
    private boolean dataEnded;
    private boolean finished;
    private volatile IOException failure;

    /**
     * @param trailer the checksum trailer's name, lower-case (one {@link #reframes} accepts)
     * @param trailers the client's trailers, complete once {@code body} has ended
     */
    TrailerReframing(ForwardedBody body, String trailer, Supplier<Map<String, String>> trailers) {
        this.body = Objects.requireNonNull(body, "body");
        this.trailer = Objects.requireNonNull(trailer, "trailer");
        this.trailers = Objects.requireNonNull(trailers, "trailers");
    }

    /** Whether a trailer of this name ({@code x-amz-trailer}'s value) is a checksum Tarn re-frames. */
    static boolean reframes(String trailer) {
        return trailer != null && VALUE_LENGTHS.containsKey(trailer.trim().toLowerCase(Locale.ROOT));
    }

    /** The framed length of {@code decodedLength} bytes followed by the trailer. */
    static long framedLength(long decodedLength, String trailer) {
        long full = decodedLength / CHUNK;
        int rest = (int) (decodedLength % CHUNK);
        long length = full * chunkLength(CHUNK) + (rest > 0 ? chunkLength(rest) : 0);
        return length + "0\r\n".length() + trailer.length() + 1 + VALUE_LENGTHS.get(trailer) + 2 + 2;
    }

    private static long chunkLength(int size) {
        return Integer.toHexString(size).length() + 2L + size + 2;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            while (position == pending.length) {
                if (finished) {
                    return -1;
                }
                next();
            }
            int n = Math.min(len, pending.length - position);
            System.arraycopy(pending, position, b, off, n);
            position += n;
            return n;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void next() throws IOException {
        position = 0;
        if (!dataEnded) {
            int n = body.readNBytes(data, 0, CHUNK);
            if (n > 0) {
                byte[] header = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                pending = new byte[header.length + n + 2];
                System.arraycopy(header, 0, pending, 0, header.length);
                System.arraycopy(data, 0, pending, header.length, n);
                System.arraycopy(CRLF, 0, pending, header.length + n, 2);
                return;
            }
            dataEnded = true;
        }
        String value = trailers.get().get(trailer);
        if (value == null || value.trim().length() != VALUE_LENGTHS.get(trailer)) {
            String message = value == null ? "The body announced the trailer " + trailer + " and did not send it"
                    : "Invalid " + trailer + " '" + value + "': expected " + VALUE_LENGTHS.get(trailer) + " base64 characters";
            throw new IOException(message, new S3AuthException("InvalidRequest", 400, message));
        }
        pending = ("0\r\n" + trailer + ":" + value.trim() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        finished = true;
    }

    /** Why reading failed, the client's body's failure first; {@code null} when nothing failed. */
    IOException failure() {
        return body.failure() != null ? body.failure() : failure;
    }
}
