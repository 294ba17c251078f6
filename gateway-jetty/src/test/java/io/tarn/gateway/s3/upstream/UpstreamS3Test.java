package io.tarn.gateway.s3.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.Principal;
import io.tarn.gateway.s3.auth.S3Authenticator;
import io.tarn.gateway.s3.auth.SignedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamS3Test {
    static final String KEY = "UPSTREAMKEY";
    static final String SECRET = "upstream-secret";
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private FakeUpstream fake;
    private UpstreamS3 upstream;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeUpstream();
        upstream = new UpstreamS3(new UpstreamConfig(fake.endpoint(), "eu-west-1", KEY, SECRET), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static UpstreamRequest get(String bucket, String key, Map<String, String> query, Map<String, List<String>> headers) {
        return new UpstreamRequest("GET", bucket, key, query, headers, InputStream.nullInputStream(), 0);
    }

    @Test
    void aRequestGoesPathStyleWithoutTheClientsSignatureAndSignedWithTheUpstreamsKeys() throws Exception {
        Map<String, String> query = Map.of("response-content-type", "text/plain", "X-Amz-Signature", "abc",
                "X-Amz-Credential", "TARNKEY/20260102/us-east-1/s3/aws4_request");
        Map<String, List<String>> headers = Map.of("authorization", List.of("AWS4-HMAC-SHA256 Credential=TARNKEY/..."),
                "x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"), "range", List.of("bytes=0-9"),
                "x-amz-security-token", List.of("tarn-token"), "user-agent", List.of("boto3"));

        try (UpstreamResponse answer = upstream.exchange(get("legacy", "dir/a b+ü.txt", query, headers))) {
            assertThat(answer.status()).isEqualTo(200);
        }

        FakeUpstream.Received received = fake.next();
        assertThat(received.rawPath()).isEqualTo("/legacy/dir/a%20b%2B%C3%BC.txt");
        assertThat(received.rawQuery()).isEqualTo("response-content-type=text%2Fplain");
        assertThat(received.header("range")).isEqualTo("bytes=0-9");
        assertThat(received.header("user-agent")).isEqualTo("boto3");
        assertThat(received.header("x-amz-security-token")).isNull();
        assertThat(received.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(received.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + KEY + "/20260102/eu-west-1/s3/");
        assertThat(verifiedBy(KEY, SECRET, received)).isEqualTo(KEY);
    }

    /** The access key id that the upstream, holding those keys, finds the request signed with. */
    private static String verifiedBy(String key, String secret, FakeUpstream.Received received) {
        AccessKey upstreamKey = new AccessKey(key, secret, NOW, new Principal("upstream", NOW, false, Map.of()));
        S3Authenticator authenticator = new S3Authenticator(id -> id.equals(key) ? Optional.of(upstreamKey) : Optional.empty(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        return authenticator.authenticate(new SignedRequest(received.method(), received.rawPath(), received.rawQuery(),
                received.headers())).accessKeyId();
    }

    @Test
    void aChunkedBodyWithAChecksumTrailerReachesTheUpstreamFramedAgainWithThatTrailer() throws Exception {
        byte[] body = new byte[3 << 20];
        new java.util.Random(7).nextBytes(body);
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("content-encoding", List.of("aws-chunked,gzip"));
        headers.put("x-amz-content-sha256", List.of("STREAMING-UNSIGNED-PAYLOAD-TRAILER"));
        headers.put("x-amz-decoded-content-length", List.of(Integer.toString(body.length)));
        headers.put("x-amz-trailer", List.of("x-amz-checksum-crc32"));
        headers.put("x-amz-sdk-checksum-algorithm", List.of("CRC32"));
        headers.put("content-length", List.of("999999999"));
        headers.put("content-md5", List.of("1B2M2Y8AsgTpgAmY7PhCfg=="));
        headers.put("x-amz-meta-origin", List.of("tarn"));

        UpstreamRequest put = new UpstreamRequest("PUT", "legacy", "big", Map.of(), headers, new ByteArrayInputStream(body), body.length,
                () -> Map.of("x-amz-checksum-crc32", "AAECAw=="));
        try (UpstreamResponse answer = upstream.exchange(put)) {
            assertThat(answer.status()).isEqualTo(200);
        }

        FakeUpstream.Received received = fake.next();
        assertThat(received.complete()).isTrue();
        assertThat(received.header("content-length")).isEqualTo(Long.toString(TrailerReframing.framedLength(body.length, "x-amz-checksum-crc32")));
        assertThat(received.header("content-encoding")).isEqualTo("aws-chunked,gzip");
        assertThat(received.header("x-amz-decoded-content-length")).isEqualTo(Integer.toString(body.length));
        assertThat(received.header("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32");
        assertThat(received.header("x-amz-sdk-checksum-algorithm")).isEqualTo("CRC32");
        assertThat(received.header("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(received.header("content-md5")).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
        String framed = new String(received.body(), StandardCharsets.ISO_8859_1);
        assertThat(framed).startsWith("10000\r\n").endsWith("\r\n0\r\nx-amz-checksum-crc32:AAECAw==\r\n\r\n");
        assertThat(verifiedBy(KEY, SECRET, received)).isEqualTo(KEY);
    }

    @Test
    void aChunkedBodyWithoutATrailerStreamsWithItsDecodedLengthAndWithoutItsFraming() throws Exception {
        byte[] body = new byte[1 << 20];
        new java.util.Random(8).nextBytes(body);
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("content-encoding", List.of("aws-chunked"));
        headers.put("x-amz-content-sha256", List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
        headers.put("x-amz-decoded-content-length", List.of(Integer.toString(body.length)));
        UpstreamRequest put = new UpstreamRequest("PUT", "legacy", "plain", Map.of(), headers, new ByteArrayInputStream(body), body.length);
        try (UpstreamResponse answer = upstream.exchange(put)) {
            assertThat(answer.status()).isEqualTo(200);
        }
        FakeUpstream.Received received = fake.next();
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.header("content-length")).isEqualTo(Integer.toString(body.length));
        assertThat(received.headers()).doesNotContainKeys("content-encoding", "x-amz-decoded-content-length", "x-amz-trailer");
        assertThat(verifiedBy(KEY, SECRET, received)).isEqualTo(KEY);
    }

    @Test
    void aBodyThatFailsItsCheckAtItsEndNeverReachesTheUpstreamWhole() throws Exception {
        byte[] data = "a body whose trailer will not match".getBytes(StandardCharsets.UTF_8);
        IOException badChecksum = new IOException("the trailer does not match");
        InputStream failingAtTheEnd = new InputStream() {
            private int next;

            @Override
            public int read() throws IOException {
                if (next == data.length) {
                    throw badChecksum;
                }
                return data[next++];
            }
        };
        UpstreamRequest put = new UpstreamRequest("PUT", "legacy", "k", Map.of(), Map.of(), failingAtTheEnd, data.length);

        Throwable thrown = catchThrowable(() -> upstream.exchange(put));

        assertThat(thrown).isSameAs(badChecksum);
        FakeUpstream.Received received = fake.next();
        assertThat(received.complete()).isFalse();
        assertThat(received.body().length).isLessThan(data.length);
    }

    @Test
    void theAnswerComesBackWithItsStatusHeadersAndBodyLessThoseTarnSets() throws Exception {
        byte[] error = "<Error><Code>NoSuchKey</Code></Error>".getBytes(StandardCharsets.UTF_8);
        fake.reply(404, Map.of("Content-Type", "application/xml", "x-amz-request-id", "UPSTREAMID", "x-amz-id-2", "id2",
                "Server", "AmazonS3"), error);

        try (UpstreamResponse answer = upstream.exchange(get("legacy", "missing", Map.of(), Map.of()))) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body().readAllBytes()).isEqualTo(error);
            Map<String, List<String>> lower = new HashMap<>();
            answer.headers().forEach((name, values) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), values));
            assertThat(lower).containsEntry("content-type", List.of("application/xml")).containsEntry("x-amz-id-2", List.of("id2"))
                    .containsEntry("content-length", List.of(Integer.toString(error.length)))
                    .doesNotContainKeys("x-amz-request-id", "server", "date", "transfer-encoding", "connection");
        }
    }

    @Test
    void anUnreachableUpstreamIsUnavailableNamingIt() throws Exception {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        UpstreamS3 unreachable = new UpstreamS3(new UpstreamConfig(nowhere, "us-east-1", KEY, SECRET));

        Throwable thrown = catchThrowable(() -> unreachable.exchange(get("legacy", "k", Map.of(), Map.of())));

        assertThat(thrown).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageStartingWith("Cannot reach the upstream S3 " + nowhere + ": ");
        assertThat(catchThrowable(unreachable::listBuckets)).isInstanceOf(UpstreamUnavailableException.class);
    }

    @Test
    void listBucketsReadsTheUpstreamsBuckets() throws Exception {
        fake.reply(200, Map.of("Content-Type", "application/xml"), ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>o</ID></Owner><Buckets>"
                + "<Bucket><Name>alpha</Name><CreationDate>2020-01-02T03:04:05.000Z</CreationDate></Bucket>"
                + "<Bucket><Name>beta.with.dots</Name><CreationDate>2021-01-02T03:04:05Z</CreationDate></Bucket>"
                + "</Buckets></ListAllMyBucketsResult>").getBytes(StandardCharsets.UTF_8));

        assertThat(upstream.listBuckets()).containsExactly(
                new UpstreamBucket("alpha", Instant.parse("2020-01-02T03:04:05Z")),
                new UpstreamBucket("beta.with.dots", Instant.parse("2021-01-02T03:04:05Z")));
        FakeUpstream.Received received = fake.next();
        assertThat(received.rawPath()).isEqualTo("/");
        assertThat(verifiedBy(KEY, SECRET, received)).isEqualTo(KEY);
    }

    @Test
    void listBucketsAnsweredWithAnErrorIsUnavailableNamingTheStatus() {
        fake.reply(403, Map.of(), "<Error><Code>AccessDenied</Code></Error>".getBytes(StandardCharsets.UTF_8));

        assertThat(catchThrowable(upstream::listBuckets)).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessage("Cannot list the buckets of the upstream S3 " + fake.endpoint() + ": it answered HTTP 403");
    }
}
