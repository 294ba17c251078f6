package io.tarn.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * One request being answered, as the S3 gateway and the REST API share it: the request's headers,
 * and the ways to answer, each of which sets the status and the length and completes the callback
 * exactly once. Not thread-safe.
 */
public abstract class HttpExchange {
    private static final int STREAM_BUFFER_BYTES = 256 * 1024;

    protected final Request request;
    protected final Response response;
    protected final Callback callback;
    private boolean replied;

    protected HttpExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    public String method() {
        return request.getMethod();
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    public void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /** Adds a header value, keeping any the name already has. */
    public void addHeader(String name, String value) {
        response.getHeaders().add(name, value);
    }

    /** Whether an answer has begun: an error can then only cut it short. */
    public boolean replied() {
        return replied;
    }

    /** No body; {@code Content-Length: 0} unless the status forbids a body (204, 304). */
    public void replyEmpty(int status) {
        begin(status);
        if (status != 204 && status != 304) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        }
        callback.succeeded();
    }

    /** Headers only, with the length the body would have: the answer to a HEAD. */
    public void replyHead(int status, long length) {
        begin(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        callback.succeeded();
    }

    /**
     * Streams {@code in} (closed afterwards) as the body, blocking.
     *
     * @param length the body's length, or {@code -1} when the headers already say it
     */
    public void replyStream(int status, long length, InputStream in) throws IOException {
        begin(status);
        if (length >= 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        }
        // No larger than the body: a 4 KiB object needs no 256 KiB buffer.
        int bufferSize = length >= 0 ? (int) Math.max(1, Math.min(STREAM_BUFFER_BYTES, length)) : STREAM_BUFFER_BYTES;
        if (in instanceof ReadableByteChannel channel) {
            sendChannel(in, channel, bufferSize);
            callback.succeeded();
            return;
        }
        // 256 KiB writes: InputStream.transferTo's 8 KiB ones made each write wait on Jetty (a quarter
        // of the bare-handler throughput on large GETs).
        byte[] buffer = new byte[bufferSize];
        try (in; OutputStream out = Content.Sink.asOutputStream(response)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
            }
        }
        callback.succeeded();
    }

    /**
     * Sends a body that is also a channel (a local file) through one pooled direct buffer, blocking:
     * read from the file straight into it and written to the socket from it, the bytes never pass
     * through the Java heap, which saves two copies of every byte against a stream's byte array.
     */
    private void sendChannel(InputStream in, ReadableByteChannel channel, int bufferSize) throws IOException {
        RetainableByteBuffer.Mutable pooled = request.getComponents().getByteBufferPool().acquire(bufferSize, true);
        try (in) {
            ByteBuffer buffer = pooled.getByteBuffer();
            while (true) {
                buffer.clear();
                if (channel.read(buffer) < 0) {
                    return;
                }
                buffer.flip();
                if (buffer.hasRemaining()) {
                    try (Blocker.Callback written = Blocker.callback()) {
                        response.write(false, buffer, written);
                        written.block();
                    }
                }
            }
        } finally {
            pooled.release();
        }
    }

    /** A whole document; the answer to a HEAD carries its length and no body. */
    protected void replyDocument(int status, String contentType, byte[] body) {
        replied = true;
        sendDocument(request, response, callback, status, contentType, body);
    }

    /**
     * Answers with a whole document, as {@link #replyDocument} does, for the answers given before an
     * exchange exists (a failed authentication, an unknown route) as well. Headers already set on the
     * response go with it.
     */
    public static void sendDocument(Request request, Response response, Callback callback, int status, String contentType, byte[] body) {
        start(request, response, status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (request.getMethod().equals("HEAD")) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    private void begin(int status) {
        replied = true;
        start(request, response, status);
    }

    /** Where every answer begins: what is left of the request body is settled, then the status set. */
    private static void start(Request request, Response response, int status) {
        UnreadBody.settle(request, response);
        response.setStatus(status);
    }

    /** Ends an answer that failed after it began: the client sees the connection cut. */
    public void failAfterReply(Throwable failure) {
        callback.failed(failure);
    }
}
