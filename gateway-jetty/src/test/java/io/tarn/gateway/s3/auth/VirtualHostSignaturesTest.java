package io.tarn.gateway.s3.auth;

import static io.tarn.gateway.s3.auth.AuthTesting.authFailure;
import static io.tarn.gateway.s3.auth.AuthTesting.authenticator;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Virtual-hosted requests ({@code johnsmith.s3.amazonaws.com/photos/puppy.jpg}): SigV2 signs the
 * bucket from the host in front of the path, SigV4 the path as sent. The AWS documentation's
 * examples are virtual-hosted, so they serve here as sent.
 */
class VirtualHostSignaturesTest {
    static final String ACCESS_KEY = AwsDocumentationExamplesTest.ACCESS_KEY;
    static final String SECRET = AwsDocumentationExamplesTest.SECRET;

    private static SignedRequest request(String method, String path, String query, String hostBucket, String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return new SignedRequest(method, path, query, headers, hostBucket);
    }

    private static SignedRequest sigV2GetExample(String hostBucket) {
        return request("GET", "/photos/puppy.jpg", "", hostBucket,
                "host", "johnsmith.s3.amazonaws.com",
                "date", "Tue, 27 Mar 2007 19:36:42 +0000",
                "authorization", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=");
    }

    @Test
    void theSigV2GetObjectExampleVerifiesAsSentByVirtualHost() {
        S3Authenticator at2007 = authenticator(ACCESS_KEY, SECRET, Instant.parse("2007-03-27T19:40:00Z"));

        assertThat(at2007.authenticate(sigV2GetExample("johnsmith")).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void aSigV2SignatureDoesNotVerifyForAnotherBucketOrWithoutOne() {
        S3Authenticator at2007 = authenticator(ACCESS_KEY, SECRET, Instant.parse("2007-03-27T19:40:00Z"));

        assertThat(authFailure(() -> at2007.authenticate(sigV2GetExample("janedoe"))).code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(authFailure(() -> at2007.authenticate(sigV2GetExample(null))).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void theSigV2QueryStringExampleVerifiesAsSentByVirtualHost() {
        String query = "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1175139620&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D";
        SignedRequest request = request("GET", "/photos/puppy.jpg", query, "johnsmith", "host", "johnsmith.s3.amazonaws.com");

        assertThat(authenticator(ACCESS_KEY, SECRET, Instant.ofEpochSecond(1_175_139_620)).authenticate(request).accessKeyId())
                .isEqualTo(ACCESS_KEY);
    }

    @Test
    void aSigV2RequestOnTheBucketRootSignsTheBucketWithATrailingSlash() throws Exception {
        String date = "Sat, 01 Jun 2024 10:00:00 GMT";
        String signature = sigV2("GET\n\n\n" + date + "\n/johnsmith/?acl");
        SignedRequest request = request("GET", "/", "acl", "johnsmith",
                "host", "johnsmith.s3.example.com", "date", date, "authorization", "AWS " + ACCESS_KEY + ":" + signature);

        assertThat(authenticator(ACCESS_KEY, SECRET, Instant.parse("2024-06-01T10:00:00Z")).authenticate(request).accessKeyId())
                .isEqualTo(ACCESS_KEY);
    }

    @Test
    void theSigV4GetObjectExampleSignsThePathAsSentWhateverTheBucket() {
        SignedRequest request = request("GET", "/test.txt", "", "examplebucket",
                "host", AwsDocumentationExamplesTest.HOST,
                "range", "bytes=0-9",
                "x-amz-content-sha256", AwsDocumentationExamplesTest.EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");

        S3Authenticator authenticator = authenticator(ACCESS_KEY, SECRET, AwsDocumentationExamplesTest.EXAMPLE_TIME.plusSeconds(60));

        assertThat(authenticator.authenticate(request).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void theResourcePathPutsTheHostBucketInFrontOfThePath() {
        assertThat(request("GET", "/a%20b", "", "my-repo").resourcePath()).isEqualTo("/my-repo/a%20b");
        assertThat(request("GET", "/my-repo/a%20b", "", null).resourcePath()).isEqualTo("/my-repo/a%20b");
    }

    private static String sigV2(String stringToSign) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }
}
