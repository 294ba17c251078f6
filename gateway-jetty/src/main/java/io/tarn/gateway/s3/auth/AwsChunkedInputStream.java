package io.tarn.gateway.s3.auth;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes an {@code aws-chunked} body: chunks {@code hex-size[;chunk-signature=sig]\r\n data \r\n},
 * a final chunk of size 0, then trailer lines {@code name:value\r\n} (with {@code
 * x-amz-trailer-signature} last when they are signed) and an empty line.
 *
 * <p>It streams: a chunk's data is handed out as it arrives, in reads of at most the caller's
 * buffer, and its signature is checked when its last byte has been read. A failed check, bad
 * framing or a body that ends early therefore surfaces as an {@link InvalidPayloadException} on a
 * later read, always before end of stream: the caller must not act on the data until it has read
 * to the end. Lines are bounded, so bad framing fails fast instead of buffering. Does not close the
 * raw stream. Not thread-safe.
 */
final class AwsChunkedInputStream extends InputStream {
    private final byte[] one = new byte[1];
    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILER_LINES = 32;
    private static final int MAX_SIZE_DIGITS = 15;
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final InputStream in;
    private final ChunkSignatureChain chain;
    private final PayloadMode mode;
    private final long declaredLength;
    private final Consumer<Map<String, String>> trailersSink;
    private final MessageDigest chunkDigest;

    private long remaining;
    private String chunkSignature;
    private long decoded;
    private boolean done;
    private boolean closed;
    private InvalidPayloadException failure;

    /**
     * @param chain the signature chain when the chunks are signed, else null
     * @param declaredLength {@code x-amz-decoded-content-length}, or -1 when not given
     * @param trailersSink receives the trailers (without the trailer signature) at the end
     */
    AwsChunkedInputStream(InputStream raw, PayloadMode mode, ChunkSignatureChain chain, long declaredLength,
            Consumer<Map<String, String>> trailersSink) {
        if (mode.signedChunks() != (chain != null)) {
            throw new IllegalArgumentException("Invalid chain for " + mode + ": signed chunks need one, others none");
        }
        this.in = new BufferedInputStream(raw, 16 * 1024);
        this.mode = mode;
        this.chain = chain;
        this.declaredLength = declaredLength;
        this.trailersSink = trailersSink;
        this.chunkDigest = chain == null ? null : Hashing.sha256();
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("Cannot read: the stream is closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        try {
            while (!done) {
                if (remaining > 0) {
                    return readData(b, off, len);
                }
                startChunk();
            }
            return -1;
        } catch (S3AuthException e) {
            failure = new InvalidPayloadException(e);
            throw failure;
        }
    }

    private int readData(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw AuthFailures.incompleteBody("The body ended inside a chunk, " + remaining + " bytes short");
        }
        if (chunkDigest != null) {
            chunkDigest.update(b, off, n);
        }
        remaining -= n;
        decoded += n;
        if (remaining == 0) {
            expectLineEnd();
            verifyChunk();
        }
        return n;
    }

    private void startChunk() throws IOException {
        String header = readLine();
        if (header == null) {
            throw AuthFailures.incompleteBody("The body ended before its final chunk");
        }
        int semicolon = header.indexOf(';');
        long size = parseSize(semicolon < 0 ? header : header.substring(0, semicolon));
        chunkSignature = semicolon < 0 ? null : signatureExtension(header.substring(semicolon + 1));
        if (chain != null && chunkSignature == null) {
            throw AuthFailures.signatureMismatch("a chunk has no chunk-signature");
        }
        if (declaredLength >= 0 && size > declaredLength - decoded) {
            throw AuthFailures.invalidRequest("The chunks hold more than x-amz-decoded-content-length "
                    + declaredLength + " bytes");
        }
        if (size > 0) {
            remaining = size;
            return;
        }
        verifyChunk();
        if (declaredLength >= 0 && decoded < declaredLength) {
            throw AuthFailures.incompleteBody("The chunks hold " + decoded
                    + " bytes, x-amz-decoded-content-length says " + declaredLength);
        }
        readTrailers();
        done = true;
    }

    private static long parseSize(String text) {
        String hex = text.trim();
        if (hex.isEmpty() || hex.length() > MAX_SIZE_DIGITS) {
            throw AuthFailures.invalidRequest("Invalid chunk size '" + abbreviate(text) + "'");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw AuthFailures.invalidRequest("Invalid chunk size '" + abbreviate(text) + "'");
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private static String signatureExtension(String extensions) {
        String signature = null;
        for (String extension : extensions.split(";", -1)) {
            int eq = extension.indexOf('=');
            if (eq > 0 && extension.substring(0, eq).trim().equals("chunk-signature")) {
                signature = extension.substring(eq + 1).trim();
            }
        }
        return signature;
    }

    private void verifyChunk() {
        if (chain == null) {
            return;
        }
        if (!chain.verifyChunk(chunkDigest.digest(), chunkSignature)) {
            throw AuthFailures.signatureMismatch("a chunk's signature does not match its data");
        }
    }

    private void readTrailers() throws IOException {
        Map<String, String> trailers = new LinkedHashMap<>();
        StringBuilder canonical = new StringBuilder();
        boolean signatureSeen = false;
        for (int lines = 0; ; lines++) {
            if (lines > MAX_TRAILER_LINES) {
                throw AuthFailures.invalidRequest("The body has more than " + MAX_TRAILER_LINES + " trailer lines");
            }
            String line = readLine();
            if (line == null) {
                break; // tolerated: the stream ended where only the closing empty line was missing
            }
            if (line.isEmpty()) {
                // Some clients end the checksum line with an extra newline before the signature.
                if (mode.signedTrailers() && !signatureSeen && !trailers.isEmpty()) {
                    continue;
                }
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw AuthFailures.invalidRequest("Invalid trailer line '" + abbreviate(line) + "'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals(TRAILER_SIGNATURE)) {
                if (mode.signedTrailers()) {
                    byte[] hash = Hashing.sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
                    if (!chain.verifyTrailer(hash, value)) {
                        throw AuthFailures.signatureMismatch("the trailer signature does not match the trailers");
                    }
                    signatureSeen = true;
                }
                continue;
            }
            if (!mode.trailers()) {
                throw AuthFailures.invalidRequest("Unexpected trailer '" + abbreviate(name)
                        + "': x-amz-content-sha256 announces none");
            }
            if (signatureSeen) {
                throw AuthFailures.invalidRequest("Trailer '" + abbreviate(name) + "' follows the trailer signature");
            }
            trailers.put(name, value);
            canonical.append(name).append(':').append(value).append('\n');
        }
        if (mode.signedTrailers() && !signatureSeen) {
            throw AuthFailures.signatureMismatch("the trailers have no x-amz-trailer-signature");
        }
        trailersSink.accept(Collections.unmodifiableMap(trailers));
    }

    /** The next line without its line end (CRLF, or a bare LF), or null at end of stream. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(96);
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw AuthFailures.incompleteBody("The body ended inside a chunk header or trailer");
            }
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw AuthFailures.invalidRequest(
                        "Invalid chunk framing: a line is longer than " + MAX_LINE + " bytes");
            }
            line.write(c);
        }
    }

    private void expectLineEnd() throws IOException {
        int cr = in.read();
        int lf = cr == '\r' ? in.read() : cr;
        if (cr < 0 || lf < 0) {
            throw AuthFailures.incompleteBody("The body ended after a chunk's data, before its CRLF");
        }
        if (lf != '\n') {
            throw AuthFailures.invalidRequest("Invalid chunk framing: a chunk's data is longer than its size");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    @Override
    public int available() throws IOException {
        return done || failure != null || closed ? 0 : (int) Math.min(remaining, in.available());
    }

    /** Stops reading; the raw stream stays open for its owner to close. */
    @Override
    public void close() {
        closed = true;
    }
}
