package io.tarn.gateway.s3.auth;

import static io.tarn.gateway.s3.auth.AuthTesting.authFailure;
import static io.tarn.gateway.s3.auth.AuthTesting.authenticator;
import static io.tarn.gateway.s3.auth.AuthTesting.payloadFailure;
import static io.tarn.gateway.s3.auth.AuthTesting.readAll;
import static io.tarn.gateway.s3.auth.AuthTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worked examples of the AWS documentation ("Authenticating Requests (AWS Signature Version
 * 4)": the single-chunk examples, the presigned URL, the chunked upload and the chunked upload with
 * trailing headers; and the SigV2 examples of "Signing and Authenticating REST Requests"), whose
 * signatures were computed by AWS.
 */
class AwsDocumentationExamplesTest {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String HOST = "examplebucket.s3.amazonaws.com";

    private final S3Authenticator authenticator = authenticator(ACCESS_KEY, SECRET, EXAMPLE_TIME.plusSeconds(60));

    private static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=" + signedHeaders + ",Signature=" + signature;
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void theGetObjectExampleVerifies() throws IOException {
        SignedRequest request = request("GET", "/test.txt", "", headers(
                "host", HOST,
                "range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));

        Authentication authentication = authenticator.authenticate(request);

        assertThat(authentication.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(readAll(authentication.payload(new ByteArrayInputStream(new byte[0])), 16)).isEmpty();
    }

    @Test
    void theGetObjectExampleFailsWithOneSignatureCharacterChanged() {
        SignedRequest request = request("GET", "/test.txt", "", headers(
                "host", HOST,
                "range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42")));

        S3AuthException failure = authFailure(() -> authenticator.authenticate(request));

        assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(failure.status()).isEqualTo(403);
        assertThat(failure.getMessage())
                .doesNotContain("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
                .doesNotContain(SECRET);
    }

    @Test
    void thePutObjectExampleVerifiesItsRawPathAndSignedPayload() throws IOException {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
        SignedRequest request = putObjectExample();

        Authentication authentication = authenticator.authenticate(request);

        assertThat(readAll(authentication.payload(new ByteArrayInputStream(body)), 5)).isEqualTo(body);
    }

    @Test
    void thePutObjectExampleRejectsAnAlteredBodyAtItsEnd() {
        byte[] altered = "Welcome to Amazon S4.".getBytes(StandardCharsets.UTF_8);
        Authentication authentication = authenticator.authenticate(putObjectExample());

        S3AuthException failure = payloadFailure(authentication.payload(new ByteArrayInputStream(altered)), 64);

        assertThat(failure.code()).isEqualTo("XAmzContentSHA256Mismatch");
        assertThat(failure.status()).isEqualTo(400);
    }

    private static SignedRequest putObjectExample() {
        return request("PUT", "/test%24file.text", "", headers(
                "host", HOST,
                "date", "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
                "content-length", "21",
                "authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")));
    }

    @Test
    void theGetBucketLifecycleExampleSignsAValuelessParameterWithAnEmptyValue() {
        SignedRequest request = request("GET", "/", "lifecycle", headers(
                "host", HOST,
                "x-amz-date", "20130524T000000Z",
                "x-amz-content-sha256", EMPTY_SHA256,
                "authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")));

        assertThat(authenticator.authenticate(request).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void theListObjectsExampleSortsTheQuery() {
        SignedRequest request = request("GET", "/", "prefix=J&max-keys=2", headers(
                "host", HOST,
                "x-amz-date", "20130524T000000Z",
                "x-amz-content-sha256", EMPTY_SHA256,
                "authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")));

        assertThat(authenticator.authenticate(request).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    private static final String PRESIGNED_QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    @Test
    void thePresignedUrlExampleVerifiesWithinItsDay() {
        S3Authenticator lateInTheDay = authenticator(ACCESS_KEY, SECRET, EXAMPLE_TIME.plusSeconds(86_400));
        SignedRequest request = request("GET", "/test.txt", PRESIGNED_QUERY, headers("host", HOST));

        assertThat(lateInTheDay.authenticate(request).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void thePresignedUrlExampleHasExpiredAfterItsDay() {
        S3Authenticator nextDay = authenticator(ACCESS_KEY, SECRET, EXAMPLE_TIME.plusSeconds(86_401));
        SignedRequest request = request("GET", "/test.txt", PRESIGNED_QUERY, headers("host", HOST));

        S3AuthException failure = authFailure(() -> nextDay.authenticate(request));

        assertThat(failure.code()).isEqualTo("AccessDenied");
        assertThat(failure.getMessage()).isEqualTo("Request has expired");
    }

    // Transferring Payload in Multiple Chunks: 65 KiB of 'a' as 64 KiB + 1 KiB + the final chunk.
    static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    static final String[] CHUNK_SIGNATURES = {
        "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
    };

    static SignedRequest chunkedUploadExample() {
        return request("PUT", "/examplebucket/chunkObject.txt", "", headers(
                "host", "s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "content-encoding", "aws-chunked",
                "x-amz-decoded-content-length", "66560",
                "content-length", "66824",
                "authorization", authorization("content-encoding;content-length;host;x-amz-content-sha256;"
                        + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class", SEED)));
    }

    static byte[] exampleChunks(String[] signatures, String trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {65_536, 1_024, 0};
        for (int i = 0; i < 3; i++) {
            out.writeBytes((Integer.toHexString(sizes[i]) + ";chunk-signature=" + signatures[i] + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            if (sizes[i] > 0) {
                byte[] data = new byte[sizes[i]];
                Arrays.fill(data, (byte) 'a');
                out.writeBytes(data);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8192, 65_536, 70_000})
    void theChunkedUploadExampleDecodesWhateverTheReadSize(int readSize) throws IOException {
        Authentication authentication = authenticator.authenticate(chunkedUploadExample());
        byte[] expected = new byte[66_560];
        Arrays.fill(expected, (byte) 'a');

        byte[] decoded = readAll(authentication.payload(
                new ByteArrayInputStream(exampleChunks(CHUNK_SIGNATURES, ""))), readSize);

        assertThat(decoded).isEqualTo(expected);
        assertThat(authentication.decodedLength()).isEqualTo(66_560);
        assertThat(authentication.trailers()).isEmpty();
    }

    @Test
    void theChunkedUploadExampleIsEncodedInItsContentLength() {
        assertThat(exampleChunks(CHUNK_SIGNATURES, "")).hasSize(66_824);
    }

    @Test
    void theChunkedUploadExampleRejectsAnAlteredByteOfItsSecondChunk() {
        byte[] body = exampleChunks(CHUNK_SIGNATURES, "");
        body[body.length - 200] = 'b';
        Authentication authentication = authenticator.authenticate(chunkedUploadExample());

        S3AuthException failure = payloadFailure(authentication.payload(new ByteArrayInputStream(body)), 4096);

        assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void theChunkedUploadExampleRejectsAWrongFinalChunkSignature() {
        String[] signatures = CHUNK_SIGNATURES.clone();
        signatures[2] = "c" + signatures[2].substring(1);
        Authentication authentication = authenticator.authenticate(chunkedUploadExample());

        S3AuthException failure = payloadFailure(
                authentication.payload(new ByteArrayInputStream(exampleChunks(signatures, ""))), 4096);

        assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
    }

    // Including Trailing Headers: the same data with a CRC32C trailer, signed.
    static final String TRAILER_SEED = "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e";
    static final String[] TRAILER_CHUNK_SIGNATURES = {
        "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
        "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
        "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992",
    };
    static final String TRAILER = "x-amz-checksum-crc32c:sOO8/Q==\r\n"
            + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n";

    static SignedRequest trailerUploadExample() {
        return request("PUT", "/examplebucket/chunkObject.txt", "", headers(
                "host", "s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                "content-encoding", "aws-chunked",
                "x-amz-decoded-content-length", "66560",
                "x-amz-trailer", "x-amz-checksum-crc32c",
                "authorization", authorization("content-encoding;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer", TRAILER_SEED)));
    }

    @Test
    void theTrailingHeadersExampleDecodesAndYieldsItsChecksum() throws IOException {
        Authentication authentication = authenticator.authenticate(trailerUploadExample());

        byte[] decoded = readAll(authentication.payload(
                new ByteArrayInputStream(exampleChunks(TRAILER_CHUNK_SIGNATURES, TRAILER))), 8192);

        assertThat(decoded).hasSize(66_560);
        assertThat(authentication.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32c", "sOO8/Q=="));
    }

    @Test
    void theTrailingHeadersExampleRejectsAWrongTrailerSignature() {
        Authentication authentication = authenticator.authenticate(trailerUploadExample());
        String wrong = TRAILER.replace("x-amz-trailer-signature:d81f", "x-amz-trailer-signature:d82f");

        S3AuthException failure = payloadFailure(authentication.payload(
                new ByteArrayInputStream(exampleChunks(TRAILER_CHUNK_SIGNATURES, wrong))), 8192);

        assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(authentication.trailers()).isEmpty();
    }

    @Test
    void theTrailingHeadersExampleRejectsAnAlteredChecksum() {
        Authentication authentication = authenticator.authenticate(trailerUploadExample());
        String altered = TRAILER.replace("sOO8/Q==", "sOO8/R==");

        S3AuthException failure = payloadFailure(authentication.payload(
                new ByteArrayInputStream(exampleChunks(TRAILER_CHUNK_SIGNATURES, altered))), 8192);

        assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
    }

    // SigV2 ("Signing and Authenticating REST Requests"), sent path-style: the examples address the
    // bucket johnsmith by virtual host, whose canonical resource is the same path-style path.

    @Test
    void theSigV2GetObjectExampleVerifies() {
        S3Authenticator at2007 = authenticator(ACCESS_KEY, SECRET, Instant.parse("2007-03-27T19:40:00Z"));
        SignedRequest request = request("GET", "/johnsmith/photos/puppy.jpg", "", headers(
                "host", "s3.amazonaws.com",
                "date", "Tue, 27 Mar 2007 19:36:42 +0000",
                "authorization", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU="));

        assertThat(at2007.authenticate(request).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void theSigV2PutExampleSignsItsContentType() {
        S3Authenticator at2007 = authenticator(ACCESS_KEY, SECRET, Instant.parse("2007-03-27T21:15:45Z"));
        SignedRequest request = request("PUT", "/johnsmith/photos/puppy.jpg", "", headers(
                "host", "s3.amazonaws.com",
                "content-type", "image/jpeg",
                "content-length", "94328",
                "date", "Tue, 27 Mar 2007 21:15:45 +0000",
                "authorization", "AWS AKIAIOSFODNN7EXAMPLE:MyyxeRY7whkBe+bq8fHCL/2kKUg="));

        Authentication authentication = at2007.authenticate(request);

        assertThat(authentication.decodedLength()).isEqualTo(94_328);
    }

    @Test
    void theSigV2UploadExampleJoinsRepeatedAmzHeaders() {
        S3Authenticator at2007 = authenticator(ACCESS_KEY, SECRET, Instant.parse("2007-03-27T21:06:08Z"));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("s3.amazonaws.com"));
        headers.put("date", List.of("Tue, 27 Mar 2007 21:06:08 +0000"));
        headers.put("x-amz-acl", List.of("public-read"));
        headers.put("content-type", List.of("application/x-download"));
        headers.put("content-md5", List.of("4gJE4saaMU4BqNR0kLY+lw=="));
        headers.put("x-amz-meta-reviewedby", List.of("joe@johnsmith.net", "jane@johnsmith.net"));
        headers.put("x-amz-meta-filechecksum", List.of("0x02661779"));
        headers.put("x-amz-meta-checksumalgorithm", List.of("crc32"));
        headers.put("authorization", List.of("AWS AKIAIOSFODNN7EXAMPLE:ilyl83RwaSoYIEdixDQcA4OnAnc="));
        SignedRequest request = new SignedRequest("PUT", "/static.johnsmith.net/db-backup.dat.gz", "", headers);

        assertThat(at2007.authenticate(request).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void theSigV2DeleteExampleWithAmzDateSignsAnEmptyDateLine() {
        S3Authenticator at2007 = authenticator(ACCESS_KEY, SECRET, Instant.parse("2007-03-27T21:20:26Z"));
        SignedRequest request = request("DELETE", "/johnsmith/photos/puppy.jpg", "", headers(
                "host", "s3.amazonaws.com",
                "date", "Tue, 27 Mar 2007 21:20:27 +0000",
                "x-amz-date", "Tue, 27 Mar 2007 21:20:26 +0000",
                "authorization", "AWS AKIAIOSFODNN7EXAMPLE:R4dJ53KECjStyBO5iTBJZ4XVOaI="));

        assertThat(at2007.authenticate(request).accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void theSigV2QueryStringExampleVerifiesUntilItExpires() {
        String query = "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1175139620"
                + "&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D";
        SignedRequest request =
                request("GET", "/johnsmith/photos/puppy.jpg", query, headers("host", "s3.amazonaws.com"));

        Instant expiry = Instant.ofEpochSecond(1_175_139_620);
        assertThat(authenticator(ACCESS_KEY, SECRET, expiry).authenticate(request).accessKeyId()).isEqualTo(ACCESS_KEY);
        S3AuthException failure = authFailure(
                () -> authenticator(ACCESS_KEY, SECRET, expiry.plusSeconds(1)).authenticate(request));
        assertThat(failure.code()).isEqualTo("AccessDenied");
        assertThat(failure.getMessage()).isEqualTo("Request has expired");
    }
}
