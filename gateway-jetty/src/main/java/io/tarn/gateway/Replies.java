package io.tarn.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers without a document, shared by the S3 gateway and the REST API: each sets the status and
 * the length and completes the callback exactly once.
 */
public final class Replies {
    private static final int STREAM_BUFFER_BYTES = 256 * 1024;

    private Replies() {
    }

    /** No body; {@code Content-Length: 0} unless the status forbids a body (204, 304). */
    public static void empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        if (status != 204 && status != 304) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        }
        callback.succeeded();
    }

    /** Headers only, with the length the body would have: the answer to a HEAD. */
    public static void headersOnly(Response response, Callback callback, int status, long length) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        callback.succeeded();
    }

    /** Streams {@code length} bytes from {@code in} (closed afterwards) as the body, blocking. */
    public static void stream(Response response, Callback callback, int status, long length, InputStream in) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        // 256 KiB writes: InputStream.transferTo's 8 KiB ones made each write wait on Jetty (a quarter
        // of the bare-handler throughput on large GETs).
        byte[] buffer = new byte[STREAM_BUFFER_BYTES];
        try (in; OutputStream out = Content.Sink.asOutputStream(response)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
            }
        }
        callback.succeeded();
    }
}
