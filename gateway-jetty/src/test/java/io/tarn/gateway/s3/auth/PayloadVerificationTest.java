package io.tarn.gateway.s3.auth;

import static io.tarn.gateway.s3.auth.AuthTesting.authenticator;
import static io.tarn.gateway.s3.auth.AuthTesting.payloadFailure;
import static io.tarn.gateway.s3.auth.AuthTesting.readAll;
import static io.tarn.gateway.s3.auth.AuthTesting.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The body checks of every payload mode: what decodes, and how a bad body fails. */
class PayloadVerificationTest {
    static final String KEY = "AKIDPAYLOAD";
    static final String SECRET = "payload/Secret+Key";
    static final Instant NOW = Instant.parse("2024-06-01T10:00:00Z");
    static final String SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    static final String SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    static final String UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    final ReferenceSigner signer = new ReferenceSigner(KEY, SECRET, "us-east-1", NOW);
    final S3Authenticator authenticator = authenticator(KEY, SECRET, NOW);

    static byte[] data(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** A PUT whose headers (all signed) announce this payload mode; remembers its seed signature. */
    final class Upload {
        final Map<String, String> headers = new LinkedHashMap<>();
        final String seed;

        Upload(String contentSha256, long decodedLength, String trailer) {
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("host", "localhost:8000");
            signed.put("x-amz-date", signer.timestamp());
            signed.put("x-amz-content-sha256", contentSha256);
            if (contentSha256.startsWith("STREAMING")) {
                signed.put("content-encoding", "aws-chunked");
                signed.put("x-amz-decoded-content-length", Long.toString(decodedLength));
            } else {
                signed.put("content-length", Long.toString(decodedLength));
            }
            if (trailer != null) {
                signed.put("x-amz-trailer", trailer);
            }
            seed = signer.sign("PUT", "/bucket/object", "", signed, contentSha256);
            headers.putAll(signed);
            headers.put("authorization", signer.authorization(signed, seed));
        }

        InputStream payload(byte[] body) {
            return authentication().payload(new ByteArrayInputStream(body));
        }

        Authentication authentication() {
            return authenticator.authenticate(request("PUT", "/bucket/object", "", headers));
        }
    }

    @Nested
    class SignedChunks {
        final byte[] first = data(65_536, 1);
        final byte[] second = data(10_000, 2);
        final Upload upload = new Upload(SIGNED, first.length + second.length, null);

        ChunkedBody body() {
            return ChunkedBody.signed(signer, upload.seed).chunk(first).chunk(second).end();
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 3, 4096, 65_536, 1 << 20})
        void decodeWhateverTheReadSize(int readSize) throws IOException {
            ChunkedBody body = body();
            Authentication authentication = upload.authentication();

            byte[] decoded = readAll(authentication.payload(new ByteArrayInputStream(body.close())), readSize);

            assertThat(decoded).isEqualTo(body.decoded());
            assertThat(authentication.decodedLength()).isEqualTo(75_536);
        }

        @Test
        void aBodyEndingInsideAChunkIsIncomplete() {
            byte[] whole = body().close();
            byte[] truncated = Arrays.copyOf(whole, 70_000);

            S3AuthException failure = payloadFailure(upload.payload(truncated), 8192);

            assertThat(failure.code()).isEqualTo("IncompleteBody");
            assertThat(failure.status()).isEqualTo(400);
        }

        @Test
        void aBodyEndingInsideAChunkHeaderIsIncomplete() {
            byte[] prefix = ChunkedBody.signed(signer, upload.seed).chunk(first).bytesSoFar();
            byte[] truncated = Arrays.copyOf(prefix, prefix.length + 10);
            System.arraycopy("2710;chunk".getBytes(StandardCharsets.US_ASCII), 0, truncated, prefix.length, 10);

            assertThat(payloadFailure(upload.payload(truncated), 8192).code()).isEqualTo("IncompleteBody");
        }

        @Test
        void aBodyEndingBeforeTheFinalChunkIsIncomplete() {
            byte[] withoutEnd = ChunkedBody.signed(signer, upload.seed).chunk(first).chunk(second).bytesSoFar();

            assertThat(payloadFailure(upload.payload(withoutEnd), 8192).code()).isEqualTo("IncompleteBody");
        }

        @Test
        void aChunkSignedWithTheWrongSeedFails() {
            byte[] body = ChunkedBody.signed(signer, "0".repeat(64)).chunk(first).chunk(second).end().close();

            assertThat(payloadFailure(upload.payload(body), 8192).code()).isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void chunksInAnotherOrderFail() {
            ChunkedBody body = ChunkedBody.signed(signer, upload.seed).chunk(first);
            byte[] firstChunk = body.bytesSoFar();
            byte[] firstTwo = body.chunk(second).bytesSoFar();
            byte[] whole = body.end().close();
            ByteArrayOutputStream swapped = new ByteArrayOutputStream();
            swapped.write(firstTwo, firstChunk.length, firstTwo.length - firstChunk.length);
            swapped.write(firstChunk, 0, firstChunk.length);
            swapped.write(whole, firstTwo.length, whole.length - firstTwo.length);

            S3AuthException failure = payloadFailure(upload.payload(swapped.toByteArray()), 8192);

            assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void anAlteredDataByteFailsAtTheEndOfItsChunk() throws IOException {
            byte[] body = body().close();
            body[100] ^= 0x20;
            InputStream payload = upload.payload(body);
            byte[] firstPart = new byte[1000];

            assertThat(payload.read(firstPart, 0, 1000)).isEqualTo(1000);
            assertThat(payloadFailure(payload, 8192).code()).isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void aChunkWithoutSignatureFails() {
            byte[] body = ChunkedBody.unsigned().chunk(first).chunk(second).end().close();

            assertThat(payloadFailure(upload.payload(body), 8192).code()).isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void theFailureRepeatsOnEveryLaterRead() throws IOException {
            InputStream payload = upload.payload(Arrays.copyOf(body().close(), 100));
            payloadFailure(payload, 8192);

            assertThatThrownBy(payload::read).isInstanceOf(IOException.class)
                    .hasCauseInstanceOf(S3AuthException.class);
        }

        @Test
        void moreDataThanTheDecodedLengthIsInvalidRequest() {
            Upload shorter = new Upload(SIGNED, 70_000, null);
            byte[] body = ChunkedBody.signed(signer, shorter.seed).chunk(first).chunk(second).end().close();

            assertThat(payloadFailure(shorter.payload(body), 8192).code()).isEqualTo("InvalidRequest");
        }

        @Test
        void lessDataThanTheDecodedLengthIsIncomplete() {
            Upload longer = new Upload(SIGNED, 80_000, null);
            byte[] body = ChunkedBody.signed(signer, longer.seed).chunk(first).chunk(second).end().close();

            assertThat(payloadFailure(longer.payload(body), 8192).code()).isEqualTo("IncompleteBody");
        }

        @Test
        void chunksOfSeveralMebibytesStream() throws IOException {
            byte[] big = data(5 << 20, 3);
            Upload bigUpload = new Upload(SIGNED, big.length + 1, null);
            ChunkedBody body = ChunkedBody.signed(signer, bigUpload.seed).chunk(big).chunk(new byte[] {7}).end();

            assertThat(readAll(bigUpload.payload(body.close()), 64 * 1024)).isEqualTo(body.decoded());
        }

        @Test
        void aTrailerIsRefusedWhenNoneIsAnnounced() {
            byte[] body = ChunkedBody.signed(signer, upload.seed).chunk(first).chunk(second).end()
                    .trailer("x-amz-checksum-crc32", "AAAAAA==").close();

            assertThat(payloadFailure(upload.payload(body), 8192).code()).isEqualTo("InvalidRequest");
        }
    }

    @Nested
    class Framing {
        final Upload upload = new Upload(UNSIGNED_TRAILER, 5, "x-amz-checksum-crc32");

        InputStream payload(String body) {
            return upload.payload(body.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Test
        void aSizeThatIsNotHexIsInvalidRequest() {
            assertThat(payloadFailure(payload("zz\r\nhello\r\n0\r\n\r\n"), 64).code()).isEqualTo("InvalidRequest");
        }

        @Test
        void dataLongerThanItsSizeIsInvalidRequest() {
            assertThat(payloadFailure(payload("3\r\nhello\r\n0\r\n\r\n"), 64).code()).isEqualTo("InvalidRequest");
        }

        @Test
        void aHugeSizeIsInvalidRequest() {
            assertThat(payloadFailure(payload("fffffffffffffffff\r\nhello\r\n0\r\n\r\n"), 64).code())
                    .isEqualTo("InvalidRequest");
        }

        @Test
        void anEndlessLineFailsFastInsteadOfBuffering() {
            InputStream endless = new InputStream() {
                @Override
                public int read() {
                    return '5';
                }
            };
            InputStream payload = upload.authentication().payload(endless);

            S3AuthException failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> payloadFailure(payload, 64));

            assertThat(failure.code()).isEqualTo("InvalidRequest");
        }

        @Test
        void aStreamEndingAfterTheTrailersWithoutTheClosingLineIsTolerated() throws IOException {
            Authentication authentication = upload.authentication();
            InputStream in = authentication.payload(new ByteArrayInputStream(
                    "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n".getBytes(StandardCharsets.US_ASCII)));

            assertThat(readAll(in, 64)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(authentication.trailers()).containsEntry("x-amz-checksum-crc32", "NhCmhg==");
        }

        @Test
        void theRawStreamIsNotReadPastTheBodysEnd() throws IOException {
            InputStream raw = new SequenceInputStream(
                    new ByteArrayInputStream("5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                    new InputStream() {
                        @Override
                        public int read() {
                            throw new AssertionError("read past the end of the aws-chunked body");
                        }
                    });

            assertThat(readAll(upload.authentication().payload(raw), 64)).hasSize(5);
        }
    }

    @Nested
    class UnsignedTrailer {
        final byte[] data = data(20_000, 4);
        final Upload upload = new Upload(UNSIGNED_TRAILER, data.length, "x-amz-checksum-crc32");

        @Test
        void decodesAndYieldsTheTrailers() throws IOException {
            Authentication authentication = upload.authentication();
            byte[] body = ChunkedBody.unsigned().chunk(Arrays.copyOf(data, 8192))
                    .chunk(Arrays.copyOfRange(data, 8192, data.length)).end()
                    .trailer("x-amz-checksum-crc32", "q0Bx1w==").close();

            byte[] decoded = readAll(authentication.payload(new ByteArrayInputStream(body)), 1000);

            assertThat(decoded).isEqualTo(data);
            assertThat(authentication.decodedLength()).isEqualTo(20_000);
            assertThat(authentication.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32", "q0Bx1w=="));
        }

        @Test
        void trailersAreEmptyUntilTheEnd() throws IOException {
            Authentication authentication = upload.authentication();
            byte[] body = ChunkedBody.unsigned().chunk(data).end().trailer("x-amz-checksum-crc32", "q0Bx1w==").close();
            InputStream in = authentication.payload(new ByteArrayInputStream(body));

            in.read(new byte[100]);

            assertThat(authentication.trailers()).isEmpty();
        }

        @Test
        void anOptionalTrailerSignatureIsIgnored() throws IOException {
            Authentication authentication = upload.authentication();
            byte[] body = ChunkedBody.unsigned().chunk(data).end().trailer("x-amz-checksum-crc32", "q0Bx1w==")
                    .raw("x-amz-trailer-signature:" + "0".repeat(64) + "\r\n").close();

            assertThat(readAll(authentication.payload(new ByteArrayInputStream(body)), 4096)).isEqualTo(data);
            assertThat(authentication.trailers()).containsOnlyKeys("x-amz-checksum-crc32");
        }

        @Test
        void aTruncatedBodyIsIncomplete() {
            byte[] body = ChunkedBody.unsigned().chunk(data).end().close();

            assertThat(payloadFailure(upload.payload(Arrays.copyOf(body, 15_000)), 4096).code())
                    .isEqualTo("IncompleteBody");
        }
    }

    @Nested
    class SignedTrailer {
        final byte[] data = data(9000, 5);
        final Upload upload = new Upload(SIGNED_TRAILER, data.length, "x-amz-checksum-sha256");

        ChunkedBody chunks() {
            return ChunkedBody.signed(signer, upload.seed).chunk(data).end()
                    .trailer("x-amz-checksum-sha256", "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=");
        }

        @Test
        void verifiesTheTrailerSignature() throws IOException {
            Authentication authentication = upload.authentication();

            byte[] decoded = readAll(authentication.payload(
                    new ByteArrayInputStream(chunks().trailerSignature().close())), 4096);

            assertThat(decoded).isEqualTo(data);
            assertThat(authentication.trailers()).containsExactly(
                    Map.entry("x-amz-checksum-sha256", "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="));
        }

        @Test
        void aWrongTrailerSignatureFails() {
            byte[] body = chunks().raw("x-amz-trailer-signature:" + "a".repeat(64) + "\r\n").close();

            assertThat(payloadFailure(upload.payload(body), 4096).code()).isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void aMissingTrailerSignatureFails() {
            S3AuthException failure = payloadFailure(upload.payload(chunks().close()), 4096);

            assertThat(failure.code()).isEqualTo("SignatureDoesNotMatch");
        }

        @Test
        void aTrailerAddedAfterTheSignatureIsRefused() {
            byte[] body = chunks().trailerSignature().trailer("x-amz-checksum-crc32", "AAAAAA==").close();

            assertThat(payloadFailure(upload.payload(body), 4096).code()).isEqualTo("InvalidRequest");
        }

        @Test
        void aChecksumLineEndedByAnExtraNewlineIsTolerated() throws IOException {
            ChunkedBody chunks = ChunkedBody.signed(signer, upload.seed).chunk(data).end()
                    .trailer("x-amz-checksum-sha256", "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=");
            chunks.raw("\r\n");
            byte[] body = chunks.trailerSignature().close();

            assertThat(readAll(upload.payload(body), 4096)).isEqualTo(data);
        }
    }

    @Nested
    class PlainBodies {
        final byte[] data = "a plain body".getBytes(StandardCharsets.UTF_8);

        @Test
        void aSignedHashThatMatchesPasses() throws IOException {
            Upload upload = new Upload(ReferenceSigner.sha256Hex(data), data.length, null);

            assertThat(readAll(upload.payload(data), 3)).isEqualTo(data);
        }

        @Test
        void aSignedHashThatDoesNotMatchFailsAtTheEnd() {
            Upload upload = new Upload(ReferenceSigner.sha256Hex("another body"), data.length, null);

            S3AuthException failure = payloadFailure(upload.payload(data), 3);

            assertThat(failure.code()).isEqualTo("XAmzContentSHA256Mismatch");
            assertThat(failure.status()).isEqualTo(400);
        }

        @Test
        void aBodyShorterThanItsContentLengthIsIncomplete() {
            Upload upload = new Upload("UNSIGNED-PAYLOAD", data.length + 10, null);

            assertThat(payloadFailure(upload.payload(data), 64).code()).isEqualTo("IncompleteBody");
        }

        @Test
        void anUnsignedBodyPassesAsItIs() throws IOException {
            Upload upload = new Upload("UNSIGNED-PAYLOAD", data.length, null);
            Authentication authentication = upload.authentication();

            assertThat(readAll(authentication.payload(new ByteArrayInputStream(data)), 64)).isEqualTo(data);
            assertThat(authentication.decodedLength()).isEqualTo(data.length);
        }

        @Test
        void aPayloadCanBeTakenOnlyOnce() {
            Authentication authentication = new Upload("UNSIGNED-PAYLOAD", data.length, null).authentication();
            authentication.payload(new ByteArrayInputStream(data));

            assertThatThrownBy(() -> authentication.payload(new ByteArrayInputStream(data)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
