package io.tarn.gateway.s3.auth;

import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.AccessKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Verifies SigV4 signatures, in the {@code Authorization} header and in a presigned query string,
 * the way S3 does: time and expiry first, then the signature over the canonical request. Thread-safe.
 */
final class SigV4Verifier {
    /** The longest a presigned request may stay valid: seven days. */
    static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";

    private final AccessKeys keys;
    private final Clock clock;

    SigV4Verifier(AccessKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    Authentication verifyHeader(SignedRequest request, String authorization, QueryString query) {
        SigV4Authorization auth = SigV4Authorization.parse(authorization);
        SigV4Credential credential = auth.credential();
        AccessKey accessKey = AuthFailures.knownKey(keys, credential.accessKeyId());
        Instant time = headerTime(request);
        String timestamp = RequestTime.format(time);
        if (!timestamp.startsWith(credential.date())) {
            throw AuthFailures.malformedHeader("Invalid credential date '" + credential.date()
                    + "': it is not the date of the request time '" + timestamp + "'");
        }
        RequestTime.checkSkew(time, clock.instant());
        String contentSha256Header = request.header(CONTENT_SHA256);
        if (contentSha256Header == null) {
            throw AuthFailures.invalidRequest("Missing required header for this request: x-amz-content-sha256");
        }
        String contentSha256 = contentSha256Header.trim();
        PayloadMode mode = payloadMode(contentSha256);
        checkAmzHeadersSigned(request, auth.signedHeaders());
        CanonicalRequests canonicalRequests = plusAsSpace ->
                SigV4CanonicalRequest.of(request, query, null, auth.signedHeaders(), contentSha256, plusAsSpace);
        return verify(request, query, credential, accessKey, timestamp, canonicalRequests, auth.signature(), mode,
                contentSha256);
    }

    Authentication verifyPresigned(SignedRequest request, QueryString query) {
        String algorithm = query.first("X-Amz-Algorithm");
        String credentialText = query.first("X-Amz-Credential");
        String date = query.first("X-Amz-Date");
        String expires = query.first("X-Amz-Expires");
        String signedHeaders = query.first("X-Amz-SignedHeaders");
        String signature = query.first("X-Amz-Signature");
        if (algorithm == null || credentialText == null || date == null || expires == null || signedHeaders == null
                || signature == null) {
            throw AuthFailures.malformedQuery("Query-string authentication version 4 requires the X-Amz-Algorithm,"
                    + " X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires"
                    + " parameters.");
        }
        if (!SigV4Authorization.ALGORITHM.equals(algorithm)) {
            throw AuthFailures.malformedQuery("Invalid X-Amz-Algorithm '" + algorithm
                    + "': only \"AWS4-HMAC-SHA256\" is supported");
        }
        SigV4Credential credential = SigV4Credential.parse(credentialText, AuthFailures::malformedQuery);
        Instant time = RequestTime.parseAmzDate(date);
        if (time == null) {
            throw AuthFailures.malformedQuery("Invalid X-Amz-Date '" + date + "': expected yyyyMMdd'T'HHmmss'Z'");
        }
        if (!date.startsWith(credential.date())) {
            throw AuthFailures.malformedQuery("Invalid credential date '" + credential.date()
                    + "': it is not the date of X-Amz-Date '" + date + "'");
        }
        long expiresSeconds = expiresSeconds(expires);
        List<String> headers = SigV4Authorization.parseSignedHeaders(signedHeaders, AuthFailures::malformedQuery);
        AccessKey accessKey = AuthFailures.knownKey(keys, credential.accessKeyId());
        Instant now = clock.instant();
        if (now.isAfter(time.plusSeconds(expiresSeconds))) {
            throw AuthFailures.expired();
        }
        if (time.isAfter(now.plus(RequestTime.MAX_SKEW))) {
            throw AuthFailures.accessDenied("Request is not valid yet");
        }
        String contentSha256Header = request.header(CONTENT_SHA256);
        String contentSha256 = contentSha256Header == null ? UNSIGNED_PAYLOAD : contentSha256Header.trim();
        PayloadMode mode = payloadMode(contentSha256);
        checkAmzHeadersSigned(request, headers);
        CanonicalRequests canonicalRequests = plusAsSpace ->
                SigV4CanonicalRequest.of(request, query, "X-Amz-Signature", headers, contentSha256, plusAsSpace);
        return verify(request, query, credential, accessKey, date, canonicalRequests, signature, mode, contentSha256);
    }

    /** The canonical request, with a raw {@code +} in the query read as a plus or as a space. */
    @FunctionalInterface
    private interface CanonicalRequests {
        String of(boolean plusAsSpace);
    }

    /**
     * Checks the signature. A raw {@code +} in the query is tried as a plus first, then (as S3
     * accepts both) as a space, which is what form encoders such as {@code URLSearchParams} mean.
     */
    private Authentication verify(SignedRequest request, QueryString query, SigV4Credential credential, AccessKey accessKey,
            String timestamp, CanonicalRequests canonicalRequests, String signature, PayloadMode mode,
            String contentSha256) {
        SigV4SigningKey key = SigV4SigningKey.derive(accessKey.secretAccessKey(), credential);
        String expected = key.signRequest(timestamp, credential, canonicalRequests.of(false));
        if (!Hashing.sameSignature(signature, expected) && query.hasPlus()) {
            expected = key.signRequest(timestamp, credential, canonicalRequests.of(true));
        }
        if (!Hashing.sameSignature(signature, expected)) {
            throw AuthFailures.signatureMismatch();
        }
        ChunkSignatureChain chain = new ChunkSignatureChain(key, timestamp, credential.scope(), expected);
        return VerifiedRequest.sigV4(accessKey, request, mode, contentSha256, chain);
    }

    /** The request time in ISO 8601 basic form, from {@code x-amz-date}, else from {@code Date}. */
    private static Instant headerTime(SignedRequest request) {
        String amzDate = request.header("x-amz-date");
        Instant time = amzDate != null
                ? RequestTime.parseAmzDate(amzDate.trim())
                : RequestTime.parseHttpDate(request.header("date"));
        if (time == null) {
            throw AuthFailures.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
        }
        return time;
    }

    private static long expiresSeconds(String expires) {
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0) {
            throw AuthFailures.malformedQuery("Invalid X-Amz-Expires '" + expires + "': expected a number of seconds");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw AuthFailures.malformedQuery("Invalid X-Amz-Expires " + seconds
                    + ": X-Amz-Expires must be less than a week (in seconds) that is; " + MAX_EXPIRES_SECONDS);
        }
        return seconds;
    }

    private static PayloadMode payloadMode(String contentSha256) {
        PayloadMode mode = PayloadMode.of(contentSha256);
        if (mode == null) {
            throw AuthFailures.invalidArgument("Invalid x-amz-content-sha256 '" + contentSha256
                    + "': expected UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD,"
                    + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-UNSIGNED-PAYLOAD-TRAILER"
                    + " or a hex SHA-256");
        }
        return mode;
    }

    /**
     * As S3, refuses {@code x-amz-*} headers left out of the signature: they change what a request
     * does (copy source, ACL, metadata…), so a captured request must not gain new ones.
     * {@code x-amz-content-sha256} is bound by the canonical request's payload line anyway.
     */
    private static void checkAmzHeadersSigned(SignedRequest request, List<String> signedHeaders) {
        TreeSet<String> unsigned = new TreeSet<>();
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = header.getKey();
            if (name.startsWith("x-amz-") && !name.equals(CONTENT_SHA256) && !signedHeaders.contains(name)) {
                unsigned.add(name);
            }
        }
        if (!unsigned.isEmpty()) {
            throw AuthFailures.accessDenied("There were headers present in the request which were not signed: "
                    + String.join(", ", unsigned));
        }
    }
}
