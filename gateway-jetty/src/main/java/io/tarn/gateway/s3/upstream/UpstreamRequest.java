package io.tarn.gateway.s3.upstream;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A client's request to forward, as Tarn received and authenticated it.
 *
 * @param method the HTTP method
 * @param bucket the bucket, decoded ({@code ""} for the service)
 * @param key the key, decoded ({@code ""} for the bucket itself)
 * @param query the decoded query parameters; those of the client's own signature are dropped
 * @param headers the client's headers, names lower-case; those about its signature, its framing of
 *     the body and the connection are dropped or replaced (see {@link ForwardedHeaders})
 * @param body the body, already decoded from {@code aws-chunked} and checked as it is read; read
 *     at most once
 * @param bodyLength the body's length once decoded, {@code 0} for none, {@code -1} when unknown
 *     (sent chunked)
 * @param trailers the trailers of an {@code aws-chunked} body (a checksum the client computed
 *     while sending), complete once {@code body} has been read to its end
 */
public record UpstreamRequest(String method, String bucket, String key, Map<String, String> query,
        Map<String, List<String>> headers, InputStream body, long bodyLength, Supplier<Map<String, String>> trailers) {
    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(trailers, "trailers");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        if (bucket.isEmpty() && !key.isEmpty()) {
            throw new IllegalArgumentException("Invalid request for key '" + key + "': it names no bucket");
        }
    }

    /** A request whose body has no trailers. */
    public UpstreamRequest(String method, String bucket, String key, Map<String, String> query,
            Map<String, List<String>> headers, InputStream body, long bodyLength) {
        this(method, bucket, key, query, headers, body, bodyLength, Map::of);
    }

    /** The path-style path, decoded: {@code /}, {@code /bucket} or {@code /bucket/key}. */
    String path() {
        if (bucket.isEmpty()) {
            return "/";
        }
        return key.isEmpty() ? "/" + bucket : "/" + bucket + "/" + key;
    }
}
