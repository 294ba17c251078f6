package io.tarn.gateway.s3.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
    private static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.computeIfAbsent(namesAndValues[i], k -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void endToEndHeadersGoUpstreamAsSent() {
        Map<String, List<String>> client = headers("content-type", "text/csv", "content-md5", "abc==", "range", "bytes=1-2",
                "if-none-match", "*", "cache-control", "no-cache", "x-amz-meta-a", "1", "x-amz-meta-a", "2",
                "x-amz-copy-source", "bucket/key", "x-amz-tagging", "k=v");

        assertThat(ForwardedHeaders.toUpstream(client)).isEqualTo(client);
    }

    @Test
    void theClientsSignatureConnectionAndLengthStayBehind() {
        Map<String, List<String>> client = headers("host", "tarn:8000", "authorization", "AWS4-HMAC-SHA256 ...", "date", "d",
                "x-amz-date", "20260101T000000Z", "x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-security-token", "t",
                "content-length", "5", "expect", "100-continue", "connection", "keep-alive, x-custom", "x-custom", "hop",
                "keep-alive", "timeout=5", "transfer-encoding", "chunked", "te", "trailers", "upgrade", "h2c",
                "content-type", "text/plain");

        assertThat(ForwardedHeaders.toUpstream(client)).isEqualTo(headers("content-type", "text/plain"));
    }

    @Test
    void awsChunkedFramingIsDroppedAndOtherCodingsKept() {
        Map<String, List<String>> client = headers("content-encoding", "aws-chunked", "content-encoding", "gzip",
                "x-amz-decoded-content-length", "10", "x-amz-trailer", "x-amz-checksum-crc32",
                "x-amz-sdk-checksum-algorithm", "CRC32");

        assertThat(ForwardedHeaders.toUpstream(client)).isEqualTo(headers("content-encoding", "gzip"));
        assertThat(ForwardedHeaders.toUpstream(headers("content-encoding", "aws-chunked"))).isEmpty();
    }

    @Test
    void aChecksumSentAsAHeaderGoesUpstreamWithItsAlgorithm() {
        Map<String, List<String>> client = headers("x-amz-sdk-checksum-algorithm", "CRC32", "x-amz-checksum-crc32", "AAAAAA==");

        assertThat(ForwardedHeaders.toUpstream(client)).isEqualTo(client);
    }

    @Test
    void onlyContentTypeContentMd5AndAmzHeadersAreSigned() {
        Map<String, List<String>> forwarded = headers("content-type", "text/plain", "content-md5", "abc==", "user-agent", "boto3",
                "range", "bytes=0-1", "x-amz-meta-a", "1");

        assertThat(ForwardedHeaders.signed(forwarded).keySet()).containsExactly("content-type", "content-md5", "x-amz-meta-a");
    }

    @Test
    void theAnswerComesBackWithoutHopByHopHeadersAndThoseTarnSets() {
        Map<String, List<String>> upstream = headers("Content-Type", "application/xml", "Content-Length", "12", "ETag", "\"e\"",
                "Connection", "close", "Transfer-Encoding", "chunked", "x-amz-request-id", "R", "Server", "AmazonS3",
                "Date", "d", "x-amz-id-2", "id2");

        assertThat(ForwardedHeaders.fromUpstream(upstream)).isEqualTo(headers("Content-Type", "application/xml",
                "Content-Length", "12", "ETag", "\"e\"", "x-amz-id-2", "id2"));
    }
}
