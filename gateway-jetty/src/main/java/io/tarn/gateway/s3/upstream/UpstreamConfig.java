package io.tarn.gateway.s3.upstream;

import java.net.URI;
import java.util.Objects;

/**
 * Where the upstream S3 is and how to sign requests to it. The endpoint is addressed path-style
 * ({@code <endpoint>/<bucket>/<key>}).
 *
 * @param endpoint an {@code http} or {@code https} URL with a host, and no path, query or user info
 * @param region the region requests are signed for, such as {@code us-east-1}
 * @param accessKeyId the upstream's access key id
 * @param secretAccessKey the upstream's secret: never logged, not in {@link #toString()}
 */
public record UpstreamConfig(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    /** The region signed for when none is configured. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** @throws IllegalArgumentException naming the bad value */
    public UpstreamConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        String problem = endpointProblem(endpoint);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid upstream endpoint '" + endpoint + "': " + problem);
        }
        if (region == null || !region.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("Invalid upstream region '" + region + "': expected a region name such as us-east-1");
        }
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("Invalid upstream access key id: it is empty");
        }
        if (secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("Invalid upstream secret access key: it is empty");
        }
    }

    /**
     * What is wrong with an endpoint URL, or {@code null} when it can serve as one.
     */
    public static String endpointProblem(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return "expected an http:// or https:// URL";
        }
        if (endpoint.getHost() == null) {
            return "expected a host name or address after " + scheme + "://";
        }
        if (endpoint.getRawUserInfo() != null) {
            return "user info is not allowed (give the keys as upstream.access_key_id and upstream.secret_access_key)";
        }
        if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() && !endpoint.getRawPath().equals("/")) {
            return "a path is not allowed: buckets are addressed path-style under the endpoint itself";
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            return "a query or fragment is not allowed";
        }
        return null;
    }

    /**
     * The {@code Host} header requests carry: the host, with the port unless it is the scheme's
     * default (as {@link java.net.http.HttpClient} sends it).
     */
    String hostHeader() {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || port == (endpoint.getScheme().equals("https") ? 443 : 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    /** The endpoint without a trailing slash, to put a path behind. */
    String base() {
        return endpoint.getScheme() + "://" + endpoint.getRawAuthority();
    }

    @Override
    public String toString() {
        return "UpstreamConfig[endpoint=" + endpoint + ", region=" + region + ", accessKeyId=" + accessKeyId
                + ", secretAccessKey=(redacted)]";
    }
}
