package io.tarn.gateway.s3.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Signs outgoing S3 requests with SigV4 in the {@code Authorization} header, with the canonical
 * request and the signing key that {@link S3Authenticator} verifies with: what Tarn sends to an
 * upstream S3. The caller describes the request decoded (path and query parameters); the signer
 * encodes them the way SigV4 canonicalises them, and the request must go out with exactly that
 * path and query ({@link Signed}) and with the headers it signed, so that what is sent is what was
 * signed. Holds a secret: never log it. Thread-safe.
 */
public final class SigV4Signer {
    /** The payload hash of a body left out of the signature, so that it can stream. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;

    /**
     * @param region the region of the credential scope, such as {@code us-east-1}
     * @throws IllegalArgumentException when a value is blank
     */
    public SigV4Signer(String accessKeyId, String secretAccessKey, String region) {
        this.accessKeyId = requireText(accessKeyId, "access key id");
        this.secretAccessKey = requireText(secretAccessKey, "secret access key");
        this.region = requireText(region, "region");
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Invalid " + what + ": it is empty");
        }
        return value;
    }

    /**
     * A signed request: what to send.
     *
     * @param rawPath the path, percent-encoded
     * @param rawQuery the query without {@code ?}, percent-encoded and sorted, or {@code ""}
     * @param headers the headers to add: {@code x-amz-date}, {@code x-amz-content-sha256} and
     *     {@code Authorization}
     */
    public record Signed(String rawPath, String rawQuery, Map<String, String> headers) {
        public Signed {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Signs a request.
     *
     * @param host the {@code Host} header it will carry: {@code host}, or {@code host:port} for a
     *     port other than the scheme's
     * @param path the decoded path, starting with {@code /} ({@code /bucket/a b.txt})
     * @param query the decoded query parameters; an empty value goes out as a bare name
     *     ({@code ?uploads})
     * @param headers the other headers to sign, each with its values (names in any case); they
     *     must go out as given
     * @param payloadHash the body's hex SHA-256, or {@link #UNSIGNED_PAYLOAD}
     * @param time the signing time, which the receiver checks against its clock
     */
    public Signed sign(String method, String host, String path, Map<String, String> query, Map<String, List<String>> headers,
            String payloadHash, Instant time) {
        Objects.requireNonNull(method, "method");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Invalid path '" + path + "': it must start with '/'");
        }
        String timestamp = RequestTime.format(time);
        Map<String, List<String>> signed = new HashMap<>();
        headers.forEach((name, values) -> signed.put(name.toLowerCase(Locale.ROOT), values));
        signed.put("host", List.of(host));
        signed.put("x-amz-date", List.of(timestamp));
        signed.put("x-amz-content-sha256", List.of(payloadHash));
        String rawPath = UriEncoding.encodePath(path);
        String rawQuery = encodeQuery(query);
        SignedRequest request = new SignedRequest(method, rawPath, rawQuery, signed);
        List<String> names = new ArrayList<>(new TreeMap<>(request.headers()).keySet());
        SigV4Credential credential = new SigV4Credential(accessKeyId, timestamp.substring(0, 8), region);
        String canonical = SigV4CanonicalRequest.of(request, QueryString.parse(rawQuery), null, names, payloadHash, false);
        String signature = SigV4SigningKey.derive(secretAccessKey, credential).signRequest(timestamp, credential, canonical);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("x-amz-date", timestamp);
        added.put("x-amz-content-sha256", payloadHash);
        added.put("Authorization", SigV4Authorization.ALGORITHM + " Credential=" + accessKeyId + "/" + credential.scope()
                + ",SignedHeaders=" + String.join(";", names) + ",Signature=" + signature);
        return new Signed(rawPath, rawQuery, added);
    }

    private static String encodeQuery(Map<String, String> query) {
        TreeMap<String, String> sorted = new TreeMap<>();
        query.forEach((name, value) -> sorted.put(UriEncoding.encode(name), UriEncoding.encode(value)));
        StringJoiner joined = new StringJoiner("&");
        sorted.forEach((name, value) -> joined.add(value.isEmpty() ? name : name + "=" + value));
        return joined.toString();
    }

    @Override
    public String toString() {
        return "SigV4Signer[accessKeyId=" + accessKeyId + ", region=" + region + "]";
    }
}
