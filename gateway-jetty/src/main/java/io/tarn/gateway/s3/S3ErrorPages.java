package io.tarn.gateway.s3;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before any handler runs (a malformed URI, a header too large) in S3's XML
 * instead of an HTML page, so that S3 clients can read them. Install with
 * {@code server.setErrorHandler(new S3ErrorPages())}.
 */
public final class S3ErrorPages extends ErrorHandler {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String code = switch (status) {
            case 400 -> "InvalidURI";
            case 413 -> "EntityTooLarge";
            case 414 -> "KeyTooLongError";
            case 431 -> "RequestHeaderSectionTooLarge";
            default -> status >= 500 ? "InternalError" : "InvalidRequest";
        };
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String requestId = HexFormat.of().formatHex(id).toUpperCase();
        Object cause = request.getAttribute(ERROR_MESSAGE);
        String message = cause == null ? "The request could not be understood" : cause.toString();
        S3Xml xml = new S3Xml().open("Error").element("Code", code).element("Message", message)
                .element("RequestId", requestId).close("Error");
        byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put("Content-Type", "application/xml");
        response.getHeaders().put("x-amz-request-id", requestId);
        response.getHeaders().put("Content-Length", body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
