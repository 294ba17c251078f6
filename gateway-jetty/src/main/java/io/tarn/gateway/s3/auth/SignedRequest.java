package io.tarn.gateway.s3.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What signature verification needs of an HTTP request, exactly as it arrived.
 *
 * @param method upper-case HTTP method
 * @param rawPath the request path as sent, still percent-encoded (for example {@code /bucket/a%20b})
 * @param rawQuery the query string as sent, without {@code ?}, or {@code ""}
 * @param headers every header, names lower-case, values in arrival order
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (name lower-case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
