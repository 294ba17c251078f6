package io.tarn.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection, blocking, with just what the benchmark needs: a request head
 * and a generated body out, a status and a body in. A 200 answer's body is counted and dropped as
 * it arrives; another answer's body is kept (its first 4 KiB) to explain the failure. Content-Length
 * and chunked bodies are understood.
 *
 * <p>Why not {@code java.net.http} or {@code HttpURLConnection}: on the 2-core machine that the
 * server shares with its load generator, they spent about 600 µs and 200 µs of CPU per 4 KiB GET,
 * this about 50 µs; the figures should be the server's, not the client's. Not thread-safe: one
 * request at a time.
 */
final class HttpConnection implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int KEPT_ERROR_BYTES = 4096;

    private final SocketChannel channel;
    /** Bytes received and not yet consumed, between position and limit. */
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES).flip();
    private long lastUsedNanos = System.nanoTime();

    /**
     * An answer.
     *
     * @param bodyBytes the length of the body received
     * @param errorBody the start of the body when the status is not 200, else {@code null}
     * @param keepAlive whether the connection may carry another request
     */
    record Answer(int status, long bodyBytes, String errorBody, boolean keepAlive) {
    }

    /** The connection ended before any of the answer arrived: on a reused connection, the server may simply have closed it while idle. */
    static final class NoAnswerException extends IOException {
        private static final long serialVersionUID = 1L;

        NoAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private HttpConnection(SocketChannel channel) {
        this.channel = channel;
    }

    static HttpConnection open(InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new HttpConnection(channel);
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /**
     * Sends {@code head} (the request line and headers, ending with an empty line) and {@code body},
     * then reads the answer. A server that answers early (an error before the whole body) and closes
     * the connection still has its answer read.
     */
    Answer exchange(String head, GeneratedBody body) throws IOException {
        IOException writeFailure = null;
        try {
            body.writeTo(channel, ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            writeFailure = e;
        }
        try {
            Answer answer = readAnswer();
            lastUsedNanos = System.nanoTime();
            return writeFailure == null ? answer : new Answer(answer.status(), answer.bodyBytes(), answer.errorBody(), false);
        } catch (NoAnswerException e) {
            if (writeFailure != null) {
                e.addSuppressed(writeFailure);
            }
            throw e;
        }
    }

    private Answer readAnswer() throws IOException {
        String head = readHead();
        int firstSpace = head.indexOf(' ');
        int status;
        try {
            status = Integer.parseInt(head.substring(firstSpace + 1, firstSpace + 4));
        } catch (RuntimeException e) {
            throw new IOException("Invalid HTTP answer: '" + head.lines().findFirst().orElse("") + "'", e);
        }
        long contentLength = -1;
        boolean chunked = false;
        boolean keepAlive = head.startsWith("HTTP/1.1");
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                default -> {
                    // not needed
                }
            }
        }
        ByteArrayOutputStream kept = status == 200 ? null : new ByteArrayOutputStream();
        long bodyBytes;
        if (status == 204 || status == 304) {
            bodyBytes = 0;
        } else if (chunked) {
            bodyBytes = readChunked(kept);
        } else if (contentLength >= 0) {
            bodyBytes = readBody(contentLength, kept);
        } else {
            bodyBytes = readBody(Long.MAX_VALUE, kept); // until the server closes
            keepAlive = false;
        }
        return new Answer(status, bodyBytes, kept == null ? null : kept.toString(StandardCharsets.UTF_8), keepAlive);
    }

    /** The status line and headers, without the empty line that ends them. */
    private String readHead() throws IOException {
        int end;
        while ((end = find(in, "\r\n\r\n")) < 0) {
            if (in.remaining() == in.capacity()) {
                throw new IOException("Invalid HTTP answer: headers longer than " + BUFFER_BYTES + " bytes");
            }
            boolean nothingYet = !in.hasRemaining();
            try {
                if (!fill()) {
                    throw new EOFException("The server closed the connection");
                }
            } catch (IOException e) {
                if (nothingYet) {
                    throw new NoAnswerException("No answer: " + e.getMessage(), e);
                }
                throw e;
            }
        }
        return take(end + 4).substring(0, end);
    }

    private long readBody(long length, ByteArrayOutputStream kept) throws IOException {
        long left = length;
        while (left > 0) {
            if (!in.hasRemaining() && !fill()) {
                if (length == Long.MAX_VALUE) {
                    return length - left;
                }
                throw new EOFException("The server closed the connection " + (length - left) + " bytes into a body of " + length);
            }
            int n = (int) Math.min(left, in.remaining());
            keep(kept, n);
            in.position(in.position() + n);
            left -= n;
        }
        return length;
    }

    private long readChunked(ByteArrayOutputStream kept) throws IOException {
        long total = 0;
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers: not needed
                }
                return total;
            }
            total += readBody(size, kept);
            readLine();
        }
    }

    private String readLine() throws IOException {
        int end;
        while ((end = find(in, "\r\n")) < 0) {
            if (!fill()) {
                throw new EOFException("The server closed the connection in a chunked body");
            }
        }
        return take(end + 2).substring(0, end);
    }

    private void keep(ByteArrayOutputStream kept, int n) {
        if (kept != null && kept.size() < KEPT_ERROR_BYTES) {
            for (int i = 0; i < Math.min(n, KEPT_ERROR_BYTES - kept.size()); i++) {
                kept.write(in.get(in.position() + i));
            }
        }
    }

    /** Reads more into the buffer, keeping what was not consumed; false at the end of the stream. */
    private boolean fill() throws IOException {
        in.compact();
        try {
            return channel.read(in) >= 0;
        } finally {
            in.flip();
        }
    }

    private String take(int n) {
        byte[] bytes = new byte[n];
        in.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Where {@code pattern} starts among the unconsumed bytes, relative to the position, or -1. */
    private static int find(ByteBuffer buffer, String pattern) {
        int last = buffer.limit() - pattern.length();
        outer:
        for (int i = buffer.position(); i <= last; i++) {
            for (int k = 0; k < pattern.length(); k++) {
                if (buffer.get(i + k) != pattern.charAt(k)) {
                    continue outer;
                }
            }
            return i - buffer.position();
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do about it
        }
    }
}
