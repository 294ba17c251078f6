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
 * @param headers every header, values in arrival order; names are lower-cased
 * @param hostBucket the bucket named by the {@code Host} header of a virtual-hosted request
 *     ({@code my-repo.s3.example.com}), or {@code null} for a path-style one
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, String hostBucket) {
    /** A path-style request: the bucket, if any, is the path's first segment. */
    public SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        this(method, rawPath, rawQuery, headers, null);
    }

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        // Names are lower-cased here, once, for every check that follows.
        Map<String, List<String>> lower = new java.util.HashMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), k -> new java.util.ArrayList<>())
                .addAll(values));
        lower.replaceAll((name, values) -> List.copyOf(values));
        headers = Map.copyOf(lower);
    }

    /**
     * The path SigV2 signs as its resource: the raw path, with the bucket of a virtual-hosted
     * request put in front ({@code /my-repo/main/a.txt} for {@code my-repo.s3.example.com/main/a.txt}).
     */
    public String resourcePath() {
        return hostBucket == null ? rawPath : "/" + hostBucket + rawPath;
    }

    /** The first value of a header (name lower-case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
