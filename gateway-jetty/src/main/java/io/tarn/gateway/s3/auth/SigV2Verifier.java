package io.tarn.gateway.s3.auth;

import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.AccessKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verifies SigV2 signatures (HMAC-SHA1, base64): {@code Authorization: AWS key:signature}, and the
 * presigned query {@code AWSAccessKeyId}, {@code Expires}, {@code Signature}. Thread-safe.
 */
final class SigV2Verifier {
    private final AccessKeys keys;
    private final Clock clock;

    SigV2Verifier(AccessKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    Authentication verifyHeader(SignedRequest request, String authorization, QueryString query) {
        String credentials = authorization.substring("AWS ".length()).trim();
        int colon = credentials.lastIndexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1) {
            throw AuthFailures.invalidArgument(
                    "AWS authorization header is invalid. Expected AwsAccessKeyId:signature");
        }
        String accessKeyId = credentials.substring(0, colon);
        String signature = credentials.substring(colon + 1);
        AccessKey key = AuthFailures.knownKey(keys, accessKeyId);
        String amzDate = request.header("x-amz-date");
        Instant time = RequestTime.parseHttpDate(amzDate != null ? amzDate : request.header("date"));
        if (time == null) {
            throw AuthFailures.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
        }
        RequestTime.checkSkew(time, clock.instant());
        // With x-amz-date, S3 signs an empty Date line; x-amz-date then appears among the x-amz-* headers.
        String dateLine = amzDate != null ? "" : request.header("date").trim();
        Map<String, List<String>> amz = amzHeaders(request, null);
        return verify(request, key, signature, path -> SigV2StringToSign.of(request.method(), request.header("content-md5"),
                request.header("content-type"), dateLine, amz, path, query));
    }

    Authentication verifyQuery(SignedRequest request, QueryString query) {
        String accessKeyId = query.first("AWSAccessKeyId");
        String expires = query.first("Expires");
        String signature = query.first("Signature");
        if (accessKeyId == null || expires == null || signature == null) {
            throw AuthFailures.accessDenied(
                    "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw AuthFailures.accessDenied("Invalid Expires '" + expires + "': expected seconds since the epoch");
        }
        AccessKey key = AuthFailures.knownKey(keys, accessKeyId);
        if (clock.instant().getEpochSecond() > expiresAt) {
            throw AuthFailures.expired();
        }
        String contentMd5 = request.header("content-md5");
        String contentType = request.header("content-type");
        Map<String, List<String>> amz = amzHeaders(request, query);
        // Some clients leave '+' unencoded in the signature, which is still base64's '+'.
        return verify(request, key, signature.replace(' ', '+'), path -> SigV2StringToSign.of(request.method(),
                contentMd5 != null ? contentMd5 : query.first("content-md5"),
                contentType != null ? contentType : query.first("content-type"),
                expires, amz, path, query));
    }

    /**
     * Checks the signature over the string to sign for the resource path (the raw path, behind the
     * bucket of a virtual-hosted request); for a request on a bucket itself ({@code /bucket}), also
     * for {@code /bucket/}, which is what S3 and the SDKs sign.
     */
    private Authentication verify(SignedRequest request, AccessKey key, String signature,
            java.util.function.Function<String, String> stringToSign) {
        String secret = key.secretAccessKey();
        String path = request.resourcePath();
        boolean bucketOnly = path.length() > 1 && path.indexOf('/', 1) < 0;
        if (matches(secret, stringToSign.apply(path), signature) || bucketOnly && matches(secret, stringToSign.apply(path + "/"), signature)) {
            return VerifiedRequest.sigV2(key, request);
        }
        throw AuthFailures.signatureMismatch();
    }

    private static boolean matches(String secret, String stringToSign, String signature) {
        byte[] mac = Hashing.hmacSha1(secret.getBytes(StandardCharsets.UTF_8), stringToSign);
        return Hashing.sameSignature(signature, Base64.getEncoder().encodeToString(mac));
    }

    /**
     * The {@code x-amz-*} headers; for a presigned request also the {@code x-amz-*} query
     * parameters, which is where clients put the headers they signed into the URL.
     */
    private static Map<String, List<String>> amzHeaders(SignedRequest request, QueryString query) {
        Map<String, List<String>> amz = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (name.startsWith("x-amz-")) {
                amz.put(name, values);
            }
        });
        if (query != null) {
            for (QueryString.Parameter parameter : query.parameters()) {
                String lower = parameter.name().toLowerCase(Locale.ROOT);
                if (lower.startsWith("x-amz-") && !amz.containsKey(lower)) {
                    amz.put(lower, List.of(parameter.value()));
                }
            }
        }
        return amz;
    }
}
