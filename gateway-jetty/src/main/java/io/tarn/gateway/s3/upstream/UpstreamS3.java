package io.tarn.gateway.s3.upstream;

import io.tarn.gateway.s3.auth.SigV4Signer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The upstream S3 that Tarn forwards requests to when their bucket is not a Tarn repository (a
 * gradual migration: what has moved is served by Tarn, the rest by the old store). Each request is
 * sent path-style to the configured endpoint and signed anew with SigV4 and the upstream's keys,
 * its body as {@code UNSIGNED-PAYLOAD} so that it streams (a body whose checksum came as a trailer
 * goes on {@code aws-chunked} with that trailer, see {@link TrailerReframing}); bodies stream both ways and never sit
 * whole in memory. Uses the JDK's {@link HttpClient} over HTTP/1.1. Thread-safe.
 */
public final class UpstreamS3 {
    /** The parameters of the client's own presigned signature (SigV4 and SigV2), never forwarded. */
    private static final Set<String> SIGNATURE_PARAMETERS = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token", "AWSAccessKeyId", "Signature",
            "Expires");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final UpstreamConfig config;
    private final SigV4Signer signer;
    private final HttpClient client;
    private final Clock clock;

    public UpstreamS3(UpstreamConfig config) {
        this(config, Clock.systemUTC());
    }

    /** @param clock the time requests are signed at */
    public UpstreamS3(UpstreamConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.signer = new SigV4Signer(config.accessKeyId(), config.secretAccessKey(), config.region());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The upstream's endpoint, to name it in messages. */
    public URI endpoint() {
        return config.endpoint();
    }

    /**
     * Sends a request upstream and returns its answer once the status and headers have arrived;
     * the body follows as the caller reads it. Any status counts as an answer, errors included:
     * the caller passes them on.
     *
     * @throws UpstreamUnavailableException when the upstream cannot be reached or fails before it
     *     answers
     * @throws IOException when reading the client's body failed (its checks included): the
     *     exception its read threw, whose cause says why
     * @throws IllegalArgumentException when a header cannot be sent as HTTP/1.1 (naming it)
     */
    public UpstreamResponse exchange(UpstreamRequest request) throws IOException {
        Map<String, List<String>> headers = ForwardedHeaders.toUpstream(request.headers());
        ForwardedBody body = new ForwardedBody(request.body(), request.bodyLength());
        if (request.bodyLength() == 0) {
            body.expectEnd();
        }
        String trailer = ForwardedHeaders.checksumTrailer(request.headers());
        HttpRequest.Builder builder;
        Supplier<IOException> failure;
        if (trailer != null && request.bodyLength() > 0) {
            // The client's checksum comes after its last byte: pass it on the same way.
            ForwardedHeaders.reframe(headers, trailer, request.bodyLength());
            TrailerReframing framed = new TrailerReframing(body, trailer, request.trailers());
            builder = signedRequest(request.method(), request.path(), forwardedQuery(request.query()), headers, TrailerReframing.PAYLOAD)
                    .method(request.method(), publisher(framed, TrailerReframing.framedLength(request.bodyLength(), trailer)));
            failure = framed::failure;
        } else {
            builder = signedRequest(request.method(), request.path(), forwardedQuery(request.query()), headers, SigV4Signer.UNSIGNED_PAYLOAD)
                    .method(request.method(), publisher(body, request.bodyLength()));
            failure = body::failure;
        }
        HttpResponse<InputStream> response = send(builder.build(), failure);
        return new UpstreamResponse(response.statusCode(), ForwardedHeaders.fromUpstream(response.headers().map()), response.body());
    }

    /**
     * The upstream's buckets (its ListBuckets).
     *
     * @throws UpstreamUnavailableException when it cannot be reached, answers with an error or
     *     with something other than a bucket list
     */
    public List<UpstreamBucket> listBuckets() throws UpstreamUnavailableException {
        try {
            HttpResponse<InputStream> response = send(signedRequest("GET", "/", Map.of(), Map.of(), SigV4Signer.UNSIGNED_PAYLOAD).GET().build(),
                    () -> null);
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new UpstreamUnavailableException("Cannot list the buckets of the upstream S3 " + config.endpoint()
                            + ": it answered HTTP " + response.statusCode());
                }
                return BucketListing.parse(body);
            }
        } catch (UpstreamUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /**
     * Sends a request and waits for the status and headers of its answer.
     *
     * @param bodyFailure why reading the client's body failed, or {@code null} when it did not
     * @throws IOException the client's body's failure, when reading it failed
     * @throws UpstreamUnavailableException any other failure
     */
    private HttpResponse<InputStream> send(HttpRequest request, Supplier<IOException> bodyFailure) throws IOException {
        try {
            return client.send(request, BodyHandlers.ofInputStream());
        } catch (IOException e) {
            if (bodyFailure.get() != null) {
                throw bodyFailure.get();
            }
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private HttpRequest.Builder signedRequest(String method, String path, Map<String, String> query,
            Map<String, List<String>> headers, String payload) {
        SigV4Signer.Signed signed = signer.sign(method, config.hostHeader(), path, query, ForwardedHeaders.signed(headers),
                payload, clock.instant());
        String target = config.base() + signed.rawPath() + (signed.rawQuery().isEmpty() ? "" : "?" + signed.rawQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target));
        headers.forEach((name, values) -> values.forEach(value -> header(builder, name, value)));
        signed.headers().forEach((name, value) -> header(builder, name, value));
        return builder;
    }

    private static void header(HttpRequest.Builder builder, String name, String value) {
        try {
            builder.header(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot forward header '" + name + "' upstream: " + e.getMessage(), e);
        }
    }

    private static BodyPublisher publisher(InputStream body, long length) {
        if (length == 0) {
            return BodyPublishers.noBody();
        }
        BodyPublisher stream = BodyPublishers.ofInputStream(() -> body);
        return length < 0 ? stream : BodyPublishers.fromPublisher(stream, length);
    }

    private static Map<String, String> forwardedQuery(Map<String, String> query) {
        Map<String, String> forwarded = new TreeMap<>(query);
        forwarded.keySet().removeAll(SIGNATURE_PARAMETERS);
        return forwarded;
    }

    private UpstreamUnavailableException unavailable(Exception e) {
        return new UpstreamUnavailableException("Cannot reach the upstream S3 " + config.endpoint() + ": " + reason(e), e);
    }

    /** The first message among a failure's causes: the JDK's client often wraps the telling one. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "UpstreamS3[" + config + "]";
    }
}
