package io.tarn.gateway.s3;

import io.tarn.api.InvalidArgumentException;
import io.tarn.api.NotFoundException;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import io.tarn.gateway.s3.upstream.UpstreamBucket;
import io.tarn.gateway.s3.upstream.UpstreamRequest;
import io.tarn.gateway.s3.upstream.UpstreamResponse;
import io.tarn.gateway.s3.upstream.UpstreamS3;
import io.tarn.gateway.s3.upstream.UpstreamUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback to an upstream S3: which requests go there, and how their answers come back. A
 * request goes upstream when its bucket is not a Tarn repository, except CreateBucket, which always
 * creates a repository; a request for a repository is never forwarded. Requests arrive here
 * authenticated with Tarn's own keys. The upstream's answer, errors included, is passed on as it
 * is; an upstream that cannot be reached is 503 ServiceUnavailable naming it.
 */
final class UpstreamRoute {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamRoute.class);

    private final VersionControl engine;
    private final UpstreamS3 upstream;

    UpstreamRoute(VersionControl engine, UpstreamS3 upstream) {
        this.engine = engine;
        this.upstream = upstream;
    }

    /** Whether the request is the upstream's to answer. */
    boolean claims(S3Call call) {
        if (call.bucket.isEmpty()) {
            return false;
        }
        boolean createBucket = call.key.isEmpty() && call.method().equals("PUT") && call.query.isEmpty();
        return !createBucket && !isRepository(call.bucket);
    }

    private boolean isRepository(String bucket) {
        try {
            engine.getRepository(new RepositoryName(bucket));
            return true;
        } catch (InvalidArgumentException e) {
            return false; // not a repository name, so not a repository
        } catch (NotFoundException e) {
            if (e.kind() == NotFoundException.Kind.REPOSITORY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Forwards the request and answers the client with the upstream's answer.
     *
     * @throws S3Error ServiceUnavailable when the upstream cannot be reached; the client's error
     *     when its body failed its checks
     */
    void forward(S3Call call) {
        UpstreamResponse answer;
        try {
            answer = upstream.exchange(request(call));
        } catch (UpstreamUnavailableException e) {
            throw unavailable(e);
        } catch (IOException e) {
            throw S3Gateway.bodyFailure(e);
        } catch (IllegalArgumentException e) {
            throw S3Error.invalidArgument(e.getMessage());
        }
        relay(call, answer);
    }

    private static UpstreamRequest request(S3Call call) {
        long length = call.auth.decodedLength();
        if (length < 0 && call.header("Transfer-Encoding") == null) {
            length = 0;
        }
        return new UpstreamRequest(call.method(), call.bucket, call.key, call.query, call.headers(), call.body(),
                length, call.auth::trailers);
    }

    /** Streams the upstream's answer to the client. A failure once it has begun can only cut it short. */
    private void relay(S3Call call, UpstreamResponse answer) {
        answer.headers().forEach((name, values) -> values.forEach(value -> call.addHeader(name, value)));
        try {
            // Closes the answer's body; the upstream's Content-Length is among its headers.
            call.replyStream(answer.status(), -1, answer.body());
        } catch (IOException e) {
            LOG.warn("Cannot pass on the answer of the upstream S3 {} to {} {} (request id {}): {}", upstream.endpoint(),
                    call.method(), call.rawPath(), call.requestId, e.toString());
            call.failAfterReply(e);
        }
    }

    /** The upstream's buckets by name, with their creation dates, for ListBuckets. */
    Map<String, Instant> buckets() {
        Map<String, Instant> buckets = new TreeMap<>();
        try {
            for (UpstreamBucket bucket : upstream.listBuckets()) {
                buckets.put(bucket.name(), bucket.creationDate());
            }
        } catch (UpstreamUnavailableException e) {
            throw unavailable(e);
        }
        return buckets;
    }

    private static S3Error unavailable(UpstreamUnavailableException e) {
        return new S3Error("ServiceUnavailable", 503, e.getMessage());
    }
}
