package io.tarn.gateway.s3.upstream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the gateway, towards the upstream and back.
 *
 * <p>Towards the upstream go the client's end-to-end headers ({@code Content-Type},
 * {@code Content-MD5}, {@code Range}, {@code If-*}, {@code Cache-Control}, {@code x-amz-*}…) except
 * those Tarn replaces: the client's signature ({@code Authorization}, {@code Date},
 * {@code x-amz-date}, {@code x-amz-content-sha256}, {@code x-amz-security-token}), the framing of an
 * {@code aws-chunked} body (that token of {@code Content-Encoding},
 * {@code x-amz-decoded-content-length}, {@code x-amz-trailer}, and the
 * {@code x-amz-sdk-checksum-algorithm} of a checksum sent as a trailer, which would announce a
 * checksum that no longer comes), and {@code Host}, {@code Content-Length} and {@code Expect},
 * which the HTTP client sets. Back come the upstream's headers except those Tarn sets itself
 * ({@code x-amz-request-id}, {@code Server}, {@code Date}). Hop-by-hop headers (RFC 9110 §7.6.1),
 * and those a {@code Connection} header names, cross in neither direction.
 */
final class ForwardedHeaders {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "http2-settings");
    private static final Set<String> REPLACED_TOWARDS_UPSTREAM = Set.of("host", "content-length", "expect", "authorization",
            "date", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "x-amz-decoded-content-length", "x-amz-trailer");
    private static final Set<String> REPLACED_FROM_UPSTREAM = Set.of("x-amz-request-id", "server", "date");
    private static final String AWS_CHUNKED = "aws-chunked";

    private ForwardedHeaders() {}

    /** The client's headers to send upstream, names lower-case. */
    static Map<String, List<String>> toUpstream(Map<String, List<String>> client) {
        Set<String> dropped = dropped(client, REPLACED_TOWARDS_UPSTREAM);
        if (first(client, "x-amz-trailer") != null) {
            dropped.add("x-amz-sdk-checksum-algorithm");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        client.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!dropped.contains(lower) && !lower.startsWith(":")) {
                out.computeIfAbsent(lower, k -> new ArrayList<>()).addAll(values);
            }
        });
        List<String> encodings = out.remove("content-encoding");
        if (encodings != null) {
            List<String> kept = withoutAwsChunked(encodings);
            if (!kept.isEmpty()) {
                out.put("content-encoding", kept);
            }
        }
        return out;
    }

    /**
     * The checksum trailer the client's {@code aws-chunked} body announces ({@code x-amz-trailer}),
     * lower-case, when Tarn passes it on (see {@link TrailerReframing}); otherwise {@code null}.
     */
    static String checksumTrailer(Map<String, List<String>> client) {
        String trailer = first(client, "x-amz-trailer");
        return TrailerReframing.reframes(trailer) ? trailer.trim().toLowerCase(Locale.ROOT) : null;
    }

    /**
     * Makes the headers sent upstream announce a body framed again as {@code aws-chunked} with the
     * checksum trailer: the framing headers {@link #toUpstream} dropped come back, for Tarn's framing.
     */
    static void reframe(Map<String, List<String>> upstream, String trailer, long decodedLength) {
        List<String> codings = upstream.remove("content-encoding");
        upstream.put("content-encoding", List.of(codings == null ? AWS_CHUNKED : AWS_CHUNKED + "," + String.join(",", codings)));
        upstream.put("x-amz-decoded-content-length", List.of(Long.toString(decodedLength)));
        upstream.put("x-amz-trailer", List.of(trailer));
        upstream.put("x-amz-sdk-checksum-algorithm", List.of(trailer.substring("x-amz-checksum-".length()).toUpperCase(Locale.ROOT)));
    }

    /**
     * Of the headers sent upstream, those to sign besides {@code host}: {@code Content-Type},
     * {@code Content-MD5} and the {@code x-amz-*} ones, which S3 requires signed. Others (a
     * {@code User-Agent}, say) are left out, as the AWS SDKs leave some out, so that nothing
     * between Tarn and the upstream can break the signature by rewriting them.
     */
    static Map<String, List<String>> signed(Map<String, List<String>> forwarded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        forwarded.forEach((name, values) -> {
            if (name.startsWith("x-amz-") || name.equals("content-type") || name.equals("content-md5")) {
                out.put(name, values);
            }
        });
        return out;
    }

    /** The upstream's response headers to pass on to the client, names as the upstream sent them. */
    static Map<String, List<String>> fromUpstream(Map<String, List<String>> upstream) {
        Set<String> dropped = dropped(upstream, REPLACED_FROM_UPSTREAM);
        Map<String, List<String>> out = new LinkedHashMap<>();
        upstream.forEach((name, values) -> {
            if (!dropped.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                out.put(name, values);
            }
        });
        return out;
    }

    /** Hop-by-hop headers, those the {@code Connection} header names, and the given ones. */
    private static Set<String> dropped(Map<String, List<String>> headers, Set<String> replaced) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        dropped.addAll(replaced);
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase("connection")) {
                for (String value : values) {
                    for (String token : value.split(",")) {
                        dropped.add(token.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
        });
        return dropped;
    }

    /** The codings of a {@code Content-Encoding} without {@code aws-chunked}, which Tarn has decoded. */
    private static List<String> withoutAwsChunked(List<String> values) {
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            for (String coding : value.split(",")) {
                String trimmed = coding.trim();
                if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase(AWS_CHUNKED)) {
                    kept.add(trimmed);
                }
            }
        }
        return kept.isEmpty() ? kept : List.of(String.join(",", kept));
    }

    private static String first(Map<String, List<String>> headers, String lowerName) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(lowerName) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
