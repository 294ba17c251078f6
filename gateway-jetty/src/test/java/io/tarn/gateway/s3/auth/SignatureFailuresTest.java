package io.tarn.gateway.s3.auth;

import static io.tarn.gateway.s3.auth.AuthTesting.accessKey;
import static io.tarn.gateway.s3.auth.AuthTesting.authFailure;
import static io.tarn.gateway.s3.auth.AuthTesting.authenticator;
import static io.tarn.gateway.s3.auth.AuthTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How each way of signing fails, with S3's error code and status, and what it tolerates. */
class SignatureFailuresTest {
    static final String KEY = "AKIDFAILURES";
    static final String SECRET = "failure/Secret+Key/EXAMPLE";
    static final Instant SIGNED_AT = Instant.parse("2024-06-01T10:00:00Z");
    static final String EMPTY_SHA256 = ReferenceSigner.sha256Hex("");

    final ReferenceSigner signer = new ReferenceSigner(KEY, SECRET, "us-east-1", SIGNED_AT);

    static S3Authenticator at(Instant now) {
        return authenticator(KEY, SECRET, now);
    }

    /** Authentication looks the key up once, and what it returns carries the key found, owner included. */
    static void verifiesWithOneLookup(SignedRequest request, Instant now) {
        AuthTesting.CountingKeys keys = new AuthTesting.CountingKeys(accessKey(KEY, SECRET));

        Authentication authentication = authenticator(keys, now).authenticate(request);

        assertThat(authentication.accessKey()).isSameAs(keys.key());
        assertThat(keys.lookups()).isEqualTo(1);
    }

    /** A GET signed in the Authorization header, with the headers given signed too. */
    SignedRequest headerSigned(String canonicalQuery, Map<String, String> extraSigned) {
        Map<String, String> signed = new LinkedHashMap<>(extraSigned);
        signed.put("host", "localhost:8000");
        signed.put("x-amz-date", signer.timestamp());
        signed.putIfAbsent("x-amz-content-sha256", EMPTY_SHA256);
        String signature =
                signer.sign("GET", "/bucket/key", canonicalQuery, signed, signed.get("x-amz-content-sha256"));
        Map<String, String> headers = new LinkedHashMap<>(signed);
        headers.put("authorization", signer.authorization(signed, signature));
        return request("GET", "/bucket/key", canonicalQuery, headers);
    }

    SignedRequest headerSigned() {
        return headerSigned("", Map.of());
    }

    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, List.of(value));
        }
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers);
    }

    @Nested
    class Dispatch {
        @Test
        void aRequestWithoutSignatureIsAnonymousAndDenied() {
            SignedRequest request = request("GET", "/bucket/key", "", Map.of("host", "localhost"));

            S3AuthException failure = authFailure(() -> at(SIGNED_AT).authenticate(request));

            assertThat(failure.code()).isEqualTo("AccessDenied");
            assertThat(failure.status()).isEqualTo(403);
            assertThat(failure.getMessage()).contains("anonymous access is not allowed");
        }

        @Test
        void aHeaderAndAPresignedQueryTogetherAreRefused() {
            SignedRequest signed = headerSigned();
            SignedRequest both = new SignedRequest("GET", "/bucket/key", "X-Amz-Signature=abc", signed.headers());

            S3AuthException failure = authFailure(() -> at(SIGNED_AT).authenticate(both));

            assertThat(failure.code()).isEqualTo("InvalidArgument");
            assertThat(failure.status()).isEqualTo(400);
        }

        @Test
        void anUnknownAuthorizationSchemeIsRefused() {
            SignedRequest request = request("GET", "/", "", Map.of("host", "h", "authorization", "Bearer abc"));

            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(request)).code()).isEqualTo("InvalidArgument");
        }
    }

    @Nested
    class SigV4Header {
        @Test
        void aCorrectRequestVerifies() {
            assertThat(at(SIGNED_AT).authenticate(headerSigned()).accessKeyId()).isEqualTo(KEY);
        }

        @Test
        void aCorrectRequestLooksItsKeyUpOnce() {
            verifiesWithOneLookup(headerSigned(), SIGNED_AT);
        }

        @Test
        void anUnknownAccessKeyIsInvalidAccessKeyId() {
            S3AuthException failure =
                    authFailure(() -> authenticator("OTHER", SECRET, SIGNED_AT).authenticate(headerSigned()));

            assertThat(failure.code()).isEqualTo("InvalidAccessKeyId");
            assertThat(failure.status()).isEqualTo(403);
        }

        @Test
        void aWrongSecretIsSignatureDoesNotMatch() {
            S3AuthException failure =
                    authFailure(() -> authenticator(KEY, SECRET + "x", SIGNED_AT).authenticate(headerSigned()));

            assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
            assertThat(failure.getMessage()).doesNotContain(SECRET);
        }

        @Test
        void fourteenMinutesOfSkewEitherWayAreTolerated() {
            assertThat(at(SIGNED_AT.plus(Duration.ofMinutes(14))).authenticate(headerSigned())).isNotNull();
            assertThat(at(SIGNED_AT.minus(Duration.ofMinutes(14))).authenticate(headerSigned())).isNotNull();
        }

        @Test
        void sixteenMinutesOfSkewEitherWayAreRequestTimeTooSkewed() {
            for (Duration skew : new Duration[] {Duration.ofMinutes(16), Duration.ofMinutes(-16)}) {
                S3AuthException failure = authFailure(() -> at(SIGNED_AT.plus(skew)).authenticate(headerSigned()));

                assertThat(failure.code()).isEqualTo("RequestTimeTooSkewed");
                assertThat(failure.status()).isEqualTo(403);
            }
        }

        @Test
        void aRequestWithoutDateIsDenied() {
            SignedRequest request = withHeader(headerSigned(), "x-amz-date", null);

            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(request)).code()).isEqualTo("AccessDenied");
        }

        @Test
        void aMalformedAuthorizationHeaderIsAuthorizationHeaderMalformed() {
            String good = headerSigned().header("authorization");
            String[] malformed = {
                good.substring(0, good.indexOf(", Signature=")),
                good.replace("/s3/", "/ec2/"),
                good.replace("/aws4_request", "/aws5_request"),
                good.replace("Credential=" + KEY + "/20240601", "Credential=" + KEY + "/2024-06-01"),
                good.replace("SignedHeaders=host;", "SignedHeaders="),
                good.replace("Credential=", "Credentials="),
                "AWS4-HMAC-SHA256 garbage",
            };
            for (String header : malformed) {
                SignedRequest request = withHeader(headerSigned(), "authorization", header);

                S3AuthException failure = authFailure(() -> at(SIGNED_AT).authenticate(request));

                assertThat(failure.code()).as(header).isEqualTo("AuthorizationHeaderMalformed");
                assertThat(failure.status()).isEqualTo(400);
            }
        }

        @Test
        void aCredentialDateOtherThanTheRequestDateIsMalformed() {
            SignedRequest request = withHeader(headerSigned(), "authorization",
                    headerSigned().header("authorization").replace("/20240601/", "/20240602/"));

            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(request)).code())
                    .isEqualTo("AuthorizationHeaderMalformed");
        }

        @Test
        void anyRegionIsAccepted() {
            ReferenceSigner elsewhere = new ReferenceSigner(KEY, SECRET, "mars-north-7", SIGNED_AT);
            Map<String, String> signed = Map.of("host", "h", "x-amz-date", elsewhere.timestamp(),
                    "x-amz-content-sha256", EMPTY_SHA256);
            Map<String, String> headers = new LinkedHashMap<>(signed);
            headers.put("authorization", elsewhere.authorization(signed,
                    elsewhere.sign("GET", "/", "", signed, EMPTY_SHA256)));

            assertThat(at(SIGNED_AT).authenticate(request("GET", "/", "", headers)).accessKeyId()).isEqualTo(KEY);
        }

        @Test
        void aMissingContentSha256IsInvalidRequest() {
            Map<String, String> signed = Map.of("host", "h", "x-amz-date", signer.timestamp());
            Map<String, String> headers = new LinkedHashMap<>(signed);
            headers.put("authorization",
                    signer.authorization(signed, signer.sign("GET", "/", "", signed, EMPTY_SHA256)));

            S3AuthException failure = authFailure(() -> at(SIGNED_AT).authenticate(request("GET", "/", "", headers)));

            assertThat(failure.code()).isEqualTo("InvalidRequest");
        }

        @Test
        void anInvalidContentSha256IsInvalidArgument() {
            SignedRequest request = headerSigned("", Map.of("x-amz-content-sha256", "STREAMING-SOMETHING-ELSE"));

            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(request)).code()).isEqualTo("InvalidArgument");
        }

        @Test
        void anUnsignedAmzHeaderIsDenied() {
            SignedRequest request = withHeader(headerSigned(), "x-amz-copy-source", "/other/secret-object");

            S3AuthException failure = authFailure(() -> at(SIGNED_AT).authenticate(request));

            assertThat(failure.code()).isEqualTo("AccessDenied");
            assertThat(failure.getMessage()).contains("x-amz-copy-source");
        }

        @Test
        void anUnsignedOrdinaryHeaderIsIgnored() {
            SignedRequest request = withHeader(headerSigned(), "user-agent", "curl/8");

            assertThat(at(SIGNED_AT).authenticate(request).accessKeyId()).isEqualTo(KEY);
        }

        @Test
        void aChangedSignedHeaderIsSignatureDoesNotMatch() {
            SignedRequest request = withHeader(headerSigned("", Map.of("range", "bytes=0-9")), "range", "bytes=0-99");

            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(request)).code())
                    .isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void aChangedQueryIsSignatureDoesNotMatch() {
            SignedRequest signed = headerSigned("prefix=a", Map.of());
            SignedRequest altered = new SignedRequest("GET", "/bucket/key", "prefix=b", signed.headers());

            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(altered)).code())
                    .isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void aQueryIsCanonicalisedBeforeVerifying() {
            SignedRequest signed = headerSigned("a=%2F%20~&b=0&b=1&c=", Map.of());
            SignedRequest asSent = new SignedRequest("GET", "/bucket/key", "c&b=1&a=%2f%20%7E&b=0", signed.headers());

            assertThat(at(SIGNED_AT).authenticate(asSent).accessKeyId()).isEqualTo(KEY);
        }

        @Test
        void aPlusInTheQueryMayStandForAPlusOrForASpace() {
            SignedRequest signedAsPlus = headerSigned("prefix=a%2Bb", Map.of());
            SignedRequest signedAsSpace = headerSigned("prefix=a%20b", Map.of());

            for (SignedRequest signed : new SignedRequest[] {signedAsPlus, signedAsSpace}) {
                SignedRequest sent = new SignedRequest("GET", "/bucket/key", "prefix=a+b", signed.headers());
                assertThat(at(SIGNED_AT).authenticate(sent).accessKeyId()).isEqualTo(KEY);
            }
        }

        @Test
        void thePathIsSignedAsSentWithoutNormalising() {
            Map<String, String> signed = Map.of("host", "h", "x-amz-date", signer.timestamp(),
                    "x-amz-content-sha256", EMPTY_SHA256);
            Map<String, String> headers = new LinkedHashMap<>(signed);
            headers.put("authorization", signer.authorization(signed,
                    signer.sign("GET", "/bucket/a/../b//c%2Fd", "", signed, EMPTY_SHA256)));

            assertThat(at(SIGNED_AT).authenticate(request("GET", "/bucket/a/../b//c%2Fd", "", headers))).isNotNull();
            S3AuthException failure = authFailure(
                    () -> at(SIGNED_AT).authenticate(request("GET", "/bucket/b/c%2Fd", "", headers)));
            assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
        }
    }

    @Nested
    class SigV4Presigned {
        String presignedQuery(String expires, Map<String, String> extra) {
            Map<String, String> params = new TreeMap<>(extra);
            params.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
            params.put("X-Amz-Credential", signer.credential().replace("/", "%2F"));
            params.put("X-Amz-Date", signer.timestamp());
            params.put("X-Amz-Expires", expires);
            params.put("X-Amz-SignedHeaders", "host");
            StringBuilder canonical = new StringBuilder();
            params.forEach((name, value) ->
                    canonical.append(canonical.length() == 0 ? "" : "&").append(name).append('=').append(value));
            String signature = signer.sign("GET", "/bucket/key", canonical.toString(), Map.of("host", "h"),
                    "UNSIGNED-PAYLOAD");
            return canonical + "&X-Amz-Signature=" + signature;
        }

        SignedRequest presigned(String query) {
            return request("GET", "/bucket/key", query, Map.of("host", "h"));
        }

        @Test
        void aPresignedRequestVerifiesUntilItExpires() {
            SignedRequest request = presigned(presignedQuery("300", Map.of()));

            assertThat(at(SIGNED_AT.plusSeconds(300)).authenticate(request).accessKeyId()).isEqualTo(KEY);
            S3AuthException failure = authFailure(() -> at(SIGNED_AT.plusSeconds(301)).authenticate(request));
            assertThat(failure.code()).isEqualTo("AccessDenied");
            assertThat(failure.getMessage()).isEqualTo("Request has expired");
        }

        @Test
        void aPresignedRequestLooksItsKeyUpOnce() {
            verifiesWithOneLookup(presigned(presignedQuery("300", Map.of())), SIGNED_AT);
        }

        @Test
        void expiryBeyondAWeekIsAuthorizationQueryParametersError() {
            SignedRequest request = presigned(presignedQuery("604801", Map.of()));

            S3AuthException failure = authFailure(() -> at(SIGNED_AT).authenticate(request));

            assertThat(failure.code()).isEqualTo("AuthorizationQueryParametersError");
            assertThat(failure.status()).isEqualTo(400);
        }

        @Test
        void aWeekOfExpiryIsAllowed() {
            SignedRequest request = presigned(presignedQuery("604800", Map.of()));

            assertThat(at(SIGNED_AT.plus(Duration.ofDays(7))).authenticate(request)).isNotNull();
        }

        @Test
        void aMissingOrWrongParameterIsAuthorizationQueryParametersError() {
            String good = presignedQuery("300", Map.of());
            String[] bad = {
                good.replaceAll("&X-Amz-Date=[^&]+", ""),
                good.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256"),
                good.replace("X-Amz-Expires=300", "X-Amz-Expires=soon"),
                good.replace("%2Fs3%2F", "%2Fsqs%2F"),
                good.replace("X-Amz-Date=20240601T100000Z", "X-Amz-Date=2024-06-01T10:00:00Z"),
            };
            for (String query : bad) {
                S3AuthException failure = authFailure(() -> at(SIGNED_AT).authenticate(presigned(query)));

                assertThat(failure.code()).as(query).isEqualTo("AuthorizationQueryParametersError");
            }
        }

        @Test
        void anAddedParameterIsSignatureDoesNotMatch() {
            SignedRequest request = presigned(presignedQuery("300", Map.of()) + "&versionId=2");

            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(request)).code())
                    .isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void anUnsignedAmzHeaderIsDenied() {
            SignedRequest request = request("GET", "/bucket/key", presignedQuery("300", Map.of()),
                    Map.of("host", "h", "x-amz-acl", "public-read"));

            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(request)).code()).isEqualTo("AccessDenied");
        }

        @Test
        void anUnknownKeyIsInvalidAccessKeyId() {
            SignedRequest request = presigned(presignedQuery("300", Map.of()));

            assertThat(authFailure(() -> authenticator("NOBODY", SECRET, SIGNED_AT).authenticate(request)).code())
                    .isEqualTo("InvalidAccessKeyId");
        }
    }

    @Nested
    class SigV2 {
        static final String DATE = "Sat, 01 Jun 2024 10:00:00 GMT";

        String sigV2(String stringToSign) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        }

        SignedRequest signedGet() throws Exception {
            return request("GET", "/bucket/key", "", Map.of("host", "h", "date", DATE,
                    "authorization", "AWS " + KEY + ":" + sigV2("GET\n\n\n" + DATE + "\n/bucket/key")));
        }

        @Test
        void aSignedRequestVerifies() throws Exception {
            assertThat(at(SIGNED_AT).authenticate(signedGet()).accessKeyId()).isEqualTo(KEY);
        }

        @Test
        void aSignedRequestLooksItsKeyUpOnce() throws Exception {
            verifiesWithOneLookup(signedGet(), SIGNED_AT);
        }

        @Test
        void sixteenMinutesOfSkewAreRequestTimeTooSkewed() throws Exception {
            SignedRequest request = signedGet();

            assertThat(authFailure(() -> at(SIGNED_AT.plus(Duration.ofMinutes(16))).authenticate(request)).code())
                    .isEqualTo("RequestTimeTooSkewed");
        }

        @Test
        void anUnknownKeyIsInvalidAccessKeyId() throws Exception {
            SignedRequest request = signedGet();

            assertThat(authFailure(() -> authenticator("NOBODY", SECRET, SIGNED_AT).authenticate(request)).code())
                    .isEqualTo("InvalidAccessKeyId");
        }

        @Test
        void aHeaderWithoutSignatureIsInvalidArgument() {
            SignedRequest request =
                    request("GET", "/", "", Map.of("host", "h", "date", DATE, "authorization", "AWS " + KEY));

            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(request)).code()).isEqualTo("InvalidArgument");
        }

        @Test
        void aSubResourceIsSignedAndOtherParametersAreNot() throws Exception {
            String signature = sigV2("GET\n\n\n" + DATE + "\n/bucket/key?acl&versionId=a/b");
            Map<String, String> headers =
                    Map.of("host", "h", "date", DATE, "authorization", "AWS " + KEY + ":" + signature);

            assertThat(at(SIGNED_AT).authenticate(request("GET", "/bucket/key", "versionId=a%2Fb&x=1&acl", headers)))
                    .isNotNull();
            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(
                    request("GET", "/bucket/key", "versionId=a%2Fc&acl", headers))).code())
                    .isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void aPresignedRequestHasExpiredAfterItsExpires() throws Exception {
            long expires = SIGNED_AT.getEpochSecond() + 60;
            String signature = sigV2("GET\n\n\n" + expires + "\n/bucket/key");
            String query = "AWSAccessKeyId=" + KEY + "&Expires=" + expires + "&Signature="
                    + signature.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
            SignedRequest request = request("GET", "/bucket/key", query, Map.of("host", "h"));

            assertThat(at(SIGNED_AT.plusSeconds(60)).authenticate(request)).isNotNull();
            S3AuthException failure = authFailure(() -> at(SIGNED_AT.plusSeconds(61)).authenticate(request));
            assertThat(failure.code()).isEqualTo("AccessDenied");
            assertThat(failure.getMessage()).isEqualTo("Request has expired");
        }

        @Test
        void aPresignedRequestWithoutExpiresIsDenied() {
            SignedRequest request = request("GET", "/bucket/key", "AWSAccessKeyId=" + KEY + "&Signature=abc",
                    Map.of("host", "h"));

            assertThat(authFailure(() -> at(SIGNED_AT).authenticate(request)).code()).isEqualTo("AccessDenied");
        }
    }
}
