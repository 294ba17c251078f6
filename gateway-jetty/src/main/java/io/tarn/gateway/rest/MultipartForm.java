package io.tarn.gateway.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A {@code multipart/form-data} body (RFC 7578) read as a stream: {@link #part} skips to the part of
 * a given name and returns its content as an {@link InputStream} that ends at the part's boundary.
 * Nothing is buffered beyond a small window, so a part of any size passes through in constant memory.
 * Not thread-safe.
 */
final class MultipartForm {
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int WINDOW = 64 * 1024;

    private final InputStream in;
    /** "\r\n--boundary": what ends every part's content. */
    private final byte[] delimiter;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private boolean eof;

    /** A part found by {@link #part}: its content type and its content. */
    record Part(String contentType, InputStream content) {
    }

    MultipartForm(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[WINDOW + delimiter.length];
        // The first boundary has no CRLF before it: pretend there was one, so every boundary looks alike.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /**
     * The boundary parameter of a {@code multipart/form-data} content type.
     *
     * @throws ApiError 400 when it has none
     */
    static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty() && b.length() <= 70) {
                    return b;
                }
            }
        }
        throw ApiError.badRequest("Invalid multipart/form-data body: the Content-Type names no boundary");
    }

    /**
     * Skips to the part named {@code name} and opens its content; it must be read to its end before
     * anything else is read from this form.
     *
     * @throws ApiError 400 when the body has no such part or is malformed
     */
    Part part(String name) throws IOException {
        while (true) {
            skipPart(); // the preamble, then each part that is not the one wanted
            if (!afterBoundary()) {
                throw ApiError.badRequest("Invalid multipart/form-data body: it has no part named '" + name + "'");
            }
            String headers = headers();
            String partName = null;
            String contentType = "application/octet-stream";
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (header.equals("content-disposition")) {
                    partName = parameter(value, "name");
                } else if (header.equals("content-type")) {
                    contentType = value;
                }
            }
            if (name.equals(partName)) {
                return new Part(contentType, new PartStream());
            }
        }
    }

    /** Reads past the current part's content and its boundary. */
    private void skipPart() throws IOException {
        PartStream rest = new PartStream();
        byte[] sink = new byte[8192];
        while (rest.read(sink, 0, sink.length) >= 0) {
            // discard
        }
    }

    /** After a boundary: whether a part follows ("\r\n") rather than the end of the body ("--"). */
    private boolean afterBoundary() throws IOException {
        fill(2);
        if (limit - pos < 2) {
            throw malformed("it ends right after a boundary");
        }
        byte a = buffer[pos];
        byte b = buffer[pos + 1];
        pos += 2;
        if (a == '-' && b == '-') {
            return false;
        }
        if (a == '\r' && b == '\n') {
            return true;
        }
        throw malformed("a boundary is followed by neither CRLF nor '--'");
    }

    /** The part's header block, up to and without the empty line that ends it. */
    private String headers() throws IOException {
        StringBuilder out = new StringBuilder();
        while (true) {
            fill(1);
            if (pos == limit) {
                throw malformed("it ends inside a part's headers");
            }
            out.append((char) (buffer[pos++] & 0xff));
            int n = out.length();
            if (n >= 4 && out.charAt(n - 4) == '\r' && out.charAt(n - 3) == '\n' && out.charAt(n - 2) == '\r' && out.charAt(n - 1) == '\n') {
                return out.substring(0, n - 4);
            }
            if (n == 2 && out.charAt(0) == '\r' && out.charAt(1) == '\n') {
                return ""; // a part without headers
            }
            if (n > MAX_HEADER_BYTES) {
                throw malformed("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
        }
    }

    /** A parameter of a header value such as {@code form-data; name="content"; filename="x"}. */
    private static String parameter(String value, String name) {
        for (String param : value.split(";")) {
            String p = param.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).trim();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    /** Reads until at least {@code wanted} bytes are buffered past {@link #pos}, or the body ends. */
    private void fill(int wanted) throws IOException {
        if (limit - pos >= wanted || eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < wanted && !eof) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    /** Where the delimiter starts in the buffered bytes, or -1. */
    private int delimiterAt() {
        outer:
        for (int i = pos; i <= limit - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ApiError malformed(String why) {
        return ApiError.badRequest("Invalid multipart/form-data body: " + why);
    }

    /** The current part's content: ends before the next delimiter, which it consumes. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            fill(delimiter.length);
            int at = delimiterAt();
            if (at == pos) {
                pos += delimiter.length;
                done = true;
                return -1;
            }
            // Bytes that cannot be the start of a delimiter are content.
            int available = at >= 0 ? at - pos : limit - pos - (delimiter.length - 1);
            if (available <= 0) {
                if (eof) {
                    throw new IOException(malformed("it ends before the closing boundary"));
                }
                fill(limit - pos + 1);
                return read(b, off, len);
            }
            int n = Math.min(len, available);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
