package io.tarn.gateway.s3;

import io.tarn.gateway.ClientBody;
import io.tarn.gateway.HttpExchange;
import io.tarn.gateway.s3.auth.Authentication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One S3 request being answered: its bucket, key and query parameters decoded from the raw URI, its
 * authenticated body, and the ways to answer. Operations complete it with exactly one of the
 * {@code reply*} methods. Not thread-safe.
 */
final class S3Call extends HttpExchange {
    /** S3 limits XML request bodies (DeleteObjects, tagging, CompleteMultipartUpload) well below this. */
    static final int MAX_XML_BODY = 2 << 20;

    final Authentication auth;
    final String requestId;
    final String bucket;
    final String key;
    final Map<String, String> query;
    private String contentRange;
    private ObjectCopies.CopySource copySource;

    S3Call(Request request, Response response, Callback callback, Authentication auth, String requestId, String bucket, String key,
            Map<String, String> query) {
        super(request, response, callback);
        this.auth = auth;
        this.requestId = requestId;
        this.bucket = bucket;
        this.key = key;
        this.query = query;
    }

    boolean has(String parameter) {
        return query.containsKey(parameter);
    }

    String param(String name) {
        return query.get(name);
    }

    /** Headers whose lower-case name starts with the prefix, by lower-case name without it. */
    Map<String, String> headersWithPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            String name = f.getLowerCaseName();
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), f.getValue());
            }
        }
        return out;
    }

    /**
     * The verified, decoded request body. Read failures of the raw body (a client that stops
     * sending, an early EOF) are the client's: reported as IncompleteBody, not as a storage failure.
     */
    InputStream body() {
        return auth.payload(new ClientBody(Content.Source.asInputStream(request), e -> new io.tarn.gateway.s3.auth.S3AuthException(
                "IncompleteBody", 400, "The request body ended before its announced length: " + e.getMessage())));
    }

    /** A small request body, read whole (XML documents). */
    byte[] smallBody() {
        try (InputStream in = body()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_XML_BODY) {
                    throw S3Error.invalidArgument("The request body is larger than " + MAX_XML_BODY + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw S3Gateway.bodyFailure(e);
        }
    }

    void replyXml(int status, S3Xml xml) {
        replyDocument(status, "application/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The request's headers, names lower-case, values in arrival order. */
    Map<String, List<String>> headers() {
        return S3Gateway.headers(request);
    }

    /** The raw request path, as sent. */
    String rawPath() {
        return request.getHttpURI().getPath();
    }

    /**
     * The object that {@code x-amz-copy-source} names, parsed once: the access check and the copy
     * both read it.
     *
     * @throws S3Error when the header is malformed (each time it is asked for)
     */
    ObjectCopies.CopySource copySource() {
        if (copySource == null) {
            copySource = ObjectCopies.CopySource.of(this);
        }
        return copySource;
    }

    /** For a 416 answer: {@code bytes * /size}, as S3 sends it. */
    String contentRange() {
        return contentRange;
    }

    void unsatisfiableRange(long size) {
        contentRange = "bytes */" + size;
    }


    /** Decodes {@code %XX} escapes (and, in queries, {@code +} as space). */
    static String decode(String raw, boolean query) {
        if (!query) {
            raw = raw.replace("+", "%2B");
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Error.invalidArgument("Invalid URI encoding in '" + raw + "': " + e.getMessage());
        }
    }
}
