package io.tarn.gateway;

import java.io.IOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * What a handler left unread of a request body when it answers early, for example after a failed
 * precondition or a refused signature. Left to itself, Jetty closes such a connection after the
 * answer without saying so whenever the body had not fully arrived, and a client that reuses its
 * connections (urllib3, boto3, the AWS SDKs) then fails its next request on it.
 */
public final class UnreadBody {
    /** The largest unread body read and dropped to keep the connection open. */
    static final long DRAIN_LIMIT_BYTES = 64 * 1024;

    private UnreadBody() {
    }

    /**
     * Called before an answer is written: a rest of at most {@value #DRAIN_LIMIT_BYTES} bytes is
     * read and dropped, so that the connection serves the client's next request; a larger body, one of
     * unknown length, or one that cannot be read stays unread and the answer says
     * {@code Connection: close}, so that the client opens a new connection instead.
     */
    public static void settle(Request request, Response response) {
        if (!drained(request)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    /** Whether nothing of the body is left unread once this returns. */
    private static boolean drained(Request request) {
        Content.Chunk chunk = request.read();
        if (chunk != null) {
            boolean failed = Content.Chunk.isFailure(chunk);
            boolean last = chunk.isLast();
            chunk.release();
            if (failed || last) {
                return !failed;
            }
        }
        long length = request.getLength();
        if (length < 0 || length > DRAIN_LIMIT_BYTES) {
            return false;
        }
        try {
            Content.Source.consumeAll(request);
            return true;
        } catch (IOException unreadable) {
            return false;
        }
    }
}
