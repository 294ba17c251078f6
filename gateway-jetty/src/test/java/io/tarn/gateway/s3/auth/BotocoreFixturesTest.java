package io.tarn.gateway.s3.auth;

import static io.tarn.gateway.s3.auth.AuthTesting.authFailure;
import static io.tarn.gateway.s3.auth.AuthTesting.authenticator;
import static io.tarn.gateway.s3.auth.AuthTesting.payloadFailure;
import static io.tarn.gateway.s3.auth.AuthTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Requests signed by the real botocore (and captured from real boto3 clients with their default
 * settings), read from {@code auth/botocore-signed.json}, which {@code
 * auth/generate_botocore_fixtures.py} writes. Each one must verify and decode; each one must fail
 * with one character of its signature changed, or of its path; a signed body must fail with one
 * byte changed.
 */
class BotocoreFixturesTest {
    private static final Pattern SIGV4_HEADER = Pattern.compile("Signature=([0-9a-f]{64})");
    private static final Pattern SIGV4_QUERY = Pattern.compile("X-Amz-Signature=([0-9a-f]{64})");
    private static final Pattern SIGV2_HEADER = Pattern.compile("^AWS [^:]+:(.+)$");
    private static final Pattern SIGV2_QUERY = Pattern.compile("(?:^|&)Signature=([^&]+)");

    record Fixture(String name, String method, String path, String query, Map<String, List<String>> headers,
            byte[] body, byte[] decoded, Map<String, String> trailers, Instant now, boolean tamperBody) {
        SignedRequest request() {
            return new SignedRequest(method, path, query, headers);
        }
    }

    @TestFactory
    Stream<DynamicNode> everyBotocoreRequest() {
        Map<String, Object> file = load();
        String accessKeyId = (String) file.get("accessKeyId");
        String secret = (String) file.get("secret");
        List<DynamicNode> nodes = new ArrayList<>();
        for (Object raw : (List<?>) file.get("cases")) {
            Fixture fixture = fixture(raw);
            S3Authenticator authenticator = authenticator(accessKeyId, secret, fixture.now());
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(dynamicTest("verifies and decodes", () -> verifies(authenticator, fixture, accessKeyId)));
            tests.add(dynamicTest("fails with one signature character changed",
                    () -> failsWithAlteredSignature(authenticator, fixture, secret)));
            tests.add(dynamicTest("fails with one path character changed",
                    () -> failsWithAlteredPath(authenticator, fixture)));
            if (fixture.tamperBody() && fixture.body().length > 0) {
                tests.add(dynamicTest("fails with one body byte changed",
                        () -> failsWithAlteredBody(authenticator, fixture)));
            }
            nodes.add(DynamicContainer.dynamicContainer(fixture.name(), tests));
        }
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(30);
        return nodes.stream();
    }

    private static void verifies(S3Authenticator authenticator, Fixture fixture, String accessKeyId)
            throws IOException {
        Authentication authentication = authenticator.authenticate(fixture.request());

        byte[] decoded = readAll(authentication.payload(new ByteArrayInputStream(fixture.body())), 1000);

        assertThat(authentication.accessKeyId()).isEqualTo(accessKeyId);
        assertThat(decoded).isEqualTo(fixture.decoded());
        assertThat(authentication.trailers()).isEqualTo(fixture.trailers());
        if (fixture.headers().containsKey("x-amz-decoded-content-length")) {
            assertThat(authentication.decodedLength()).isEqualTo(fixture.decoded().length);
        }
    }

    private static void failsWithAlteredSignature(S3Authenticator authenticator, Fixture fixture, String secret) {
        Map<String, List<String>> headers = new LinkedHashMap<>(fixture.headers());
        String query = fixture.query();
        String original;
        List<String> authorization = headers.get("authorization");
        if (authorization != null) {
            Matcher matcher = (authorization.get(0).startsWith("AWS4") ? SIGV4_HEADER : SIGV2_HEADER)
                    .matcher(authorization.get(0));
            assertThat(matcher.find()).isTrue();
            original = matcher.group(1);
            headers.put("authorization", List.of(replaceGroup(matcher, authorization.get(0), flip(original))));
        } else {
            Matcher matcher = (query.contains("X-Amz-Signature") ? SIGV4_QUERY : SIGV2_QUERY).matcher(query);
            assertThat(matcher.find()).isTrue();
            original = matcher.group(1);
            query = replaceGroup(matcher, query, flip(original));
        }
        SignedRequest altered = new SignedRequest(fixture.method(), fixture.path(), query, headers);

        S3AuthException failure = authFailure(() -> authenticator.authenticate(altered));

        assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(failure.status()).isEqualTo(403);
        assertThat(failure.getMessage()).doesNotContain(original).doesNotContain(secret);
    }

    private static void failsWithAlteredPath(S3Authenticator authenticator, Fixture fixture) {
        String path = fixture.path() + "x";
        SignedRequest altered = new SignedRequest(fixture.method(), path, fixture.query(), fixture.headers());

        S3AuthException failure = authFailure(() -> authenticator.authenticate(altered));

        assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
    }

    private static void failsWithAlteredBody(S3Authenticator authenticator, Fixture fixture) {
        byte[] body = fixture.body().clone();
        body[body.length / 2] ^= 0x01;
        Authentication authentication = authenticator.authenticate(fixture.request());

        S3AuthException failure = payloadFailure(authentication.payload(new ByteArrayInputStream(body)), 1000);

        assertThat(failure.code()).isIn("XAmzContentSHA256Mismatch", "SignatureDoesNotMatch");
        assertThat(failure.status()).isIn(400, 403);
    }

    /** Changes the first character of a signature into another valid one (hex or base64). */
    private static String flip(String signature) {
        char first = signature.charAt(0);
        char replacement = first == '0' ? '1' : first == 'A' ? 'B' : Character.isDigit(first) ? '0' : 'A';
        if (Character.isLowerCase(first) && first <= 'f') {
            replacement = first == 'a' ? 'b' : 'a';
        }
        return replacement + signature.substring(1);
    }

    private static String replaceGroup(Matcher matcher, String text, String replacement) {
        return text.substring(0, matcher.start(1)) + replacement + text.substring(matcher.end(1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = BotocoreFixturesTest.class.getResourceAsStream("/auth/botocore-signed.json")) {
            assertThat(in).as("auth/botocore-signed.json on the test class path").isNotNull();
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Fixture fixture(Object raw) {
        Map<String, Object> map = (Map<String, Object>) raw;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ((Map<String, Object>) map.get("headers")).forEach((name, values) -> headers.put(name, (List<String>) values));
        byte[] body = Base64.getDecoder().decode((String) map.get("body"));
        byte[] decoded = map.containsKey("decoded") ? Base64.getDecoder().decode((String) map.get("decoded")) : body;
        Map<String, String> trailers =
                map.containsKey("trailers") ? (Map<String, String>) map.get("trailers") : Map.of();
        return new Fixture((String) map.get("name"), (String) map.get("method"), (String) map.get("path"),
                (String) map.get("query"), headers, body, decoded, trailers,
                Instant.ofEpochSecond((Long) map.get("now")), Boolean.TRUE.equals(map.get("tamperBody")));
    }
}
