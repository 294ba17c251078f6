package io.tarn.gateway.s3.auth;

import static io.tarn.gateway.s3.auth.AuthTesting.authenticator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signer of outgoing requests, against the worked examples of the AWS documentation
 * ("Authenticating Requests: Using the Authorization Header", whose signatures AWS computed), and
 * round trips through the verifier.
 */
class SigV4SignerTest {
    static final String ACCESS_KEY = AwsDocumentationExamplesTest.ACCESS_KEY;
    static final String SECRET = AwsDocumentationExamplesTest.SECRET;
    static final String HOST = AwsDocumentationExamplesTest.HOST;
    static final String EMPTY_SHA256 = AwsDocumentationExamplesTest.EMPTY_SHA256;
    static final Instant EXAMPLE_TIME = AwsDocumentationExamplesTest.EXAMPLE_TIME;

    private final SigV4Signer signer = new SigV4Signer(ACCESS_KEY, SECRET, "us-east-1");

    private static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders="
                + signedHeaders + ",Signature=" + signature;
    }

    @Test
    void theGetObjectExampleGetsTheDocumentedAuthorization() {
        SigV4Signer.Signed signed = signer.sign("GET", HOST, "/test.txt", Map.of(), Map.of("Range", List.of("bytes=0-9")),
                EMPTY_SHA256, EXAMPLE_TIME);

        assertThat(signed.rawPath()).isEqualTo("/test.txt");
        assertThat(signed.rawQuery()).isEmpty();
        assertThat(signed.headers()).containsEntry("x-amz-date", "20130524T000000Z")
                .containsEntry("x-amz-content-sha256", EMPTY_SHA256)
                .containsEntry("Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
    }

    @Test
    void thePutObjectExampleEncodesItsPathAndSignsItsPayloadHash() {
        Map<String, List<String>> headers = Map.of("date", List.of("Fri, 24 May 2013 00:00:00 GMT"),
                "x-amz-storage-class", List.of("REDUCED_REDUNDANCY"));

        SigV4Signer.Signed signed = signer.sign("PUT", HOST, "/test$file.text", Map.of(), headers,
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", EXAMPLE_TIME);

        assertThat(signed.rawPath()).isEqualTo("/test%24file.text");
        assertThat(signed.headers().get("Authorization")).isEqualTo(authorization(
                "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
    }

    @Test
    void theListObjectsExampleSortsItsQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("prefix", "J");
        query.put("max-keys", "2");

        SigV4Signer.Signed signed = signer.sign("GET", HOST, "/", query, Map.of(), EMPTY_SHA256, EXAMPLE_TIME);

        assertThat(signed.rawQuery()).isEqualTo("max-keys=2&prefix=J");
        assertThat(signed.headers().get("Authorization")).isEqualTo(authorization("host;x-amz-content-sha256;x-amz-date",
                "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
    }

    @Test
    void theGetBucketLifecycleExampleSendsAValuelessParameterBare() {
        SigV4Signer.Signed signed = signer.sign("GET", HOST, "/", Map.of("lifecycle", ""), Map.of(), EMPTY_SHA256, EXAMPLE_TIME);

        assertThat(signed.rawQuery()).isEqualTo("lifecycle");
        assertThat(signed.headers().get("Authorization")).isEqualTo(authorization("host;x-amz-content-sha256;x-amz-date",
                "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
    }

    @Test
    void whatItSignsVerifiesAsSentEvenWithKeysThatNeedEncoding() {
        Map<String, String> query = Map.of("prefix", "dir/a b+c", "delimiter", "/", "uploads", "");
        Map<String, List<String>> headers = Map.of("x-amz-meta-origin", List.of("tarn"), "content-type", List.of("text/plain"));

        SigV4Signer.Signed signed = signer.sign("PUT", "upstream:9000", "/bucket/a b//ü+%.txt", query, headers,
                SigV4Signer.UNSIGNED_PAYLOAD, EXAMPLE_TIME);

        assertThat(signed.rawPath()).isEqualTo("/bucket/a%20b//%C3%BC%2B%25.txt");
        assertThat(signed.rawQuery()).isEqualTo("delimiter=%2F&prefix=dir%2Fa%20b%2Bc&uploads");
        Map<String, List<String>> sent = new HashMap<>(headers);
        sent.put("host", List.of("upstream:9000"));
        signed.headers().forEach((name, value) -> sent.put(name, List.of(value)));
        SignedRequest received = new SignedRequest("PUT", signed.rawPath(), signed.rawQuery(), sent);
        assertThat(authenticator(ACCESS_KEY, SECRET, EXAMPLE_TIME).authenticate(received).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void theRegionIsTheScopes() {
        SigV4Signer.Signed signed = new SigV4Signer(ACCESS_KEY, SECRET, "eu-west-3")
                .sign("GET", HOST, "/", Map.of(), Map.of(), EMPTY_SHA256, EXAMPLE_TIME);

        assertThat(signed.headers().get("Authorization")).contains("/20130524/eu-west-3/s3/aws4_request,");
    }

    @Test
    void itNeverShowsItsSecret() {
        assertThat(signer.toString()).contains(ACCESS_KEY).doesNotContain(SECRET);
    }

    @Test
    void blankKeysAndRelativePathsAreRefused() {
        assertThatThrownBy(() -> new SigV4Signer(ACCESS_KEY, " ", "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid secret access key: it is empty");
        assertThatThrownBy(() -> signer.sign("GET", HOST, "bucket/key", Map.of(), Map.of(), EMPTY_SHA256, EXAMPLE_TIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bucket/key'");
    }
}
