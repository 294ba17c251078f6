package io.tarn.gateway.s3.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.gateway.s3.auth.S3AuthException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrailerReframingTest {
    private static final String CRC32 = "x-amz-checksum-crc32";

    private static byte[] data(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static TrailerReframing framing(byte[] data, String trailer, Map<String, String> trailers) {
        return new TrailerReframing(new ForwardedBody(new ByteArrayInputStream(data), data.length), trailer, () -> trailers);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 65535, 65536, 65537, 200_000, 3 * 65536})
    void the_framed_body_has_the_announced_length_and_decodes_to_the_data_and_the_trailer(int size) throws IOException {
        byte[] data = data(size);
        byte[] framed = framing(data, CRC32, Map.of(CRC32, "NhCmhg==")).readAllBytes();
        assertThat((long) framed.length).isEqualTo(TrailerReframing.framedLength(size, CRC32));

        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(framed, at);
            int chunk = Integer.parseInt(new String(framed, at, lineEnd - at, StandardCharsets.US_ASCII), 16);
            at = lineEnd + 2;
            if (chunk == 0) {
                break;
            }
            assertThat(chunk).isLessThanOrEqualTo(TrailerReframing.CHUNK);
            decoded.write(framed, at, chunk);
            at += chunk + 2;
        }
        assertThat(decoded.toByteArray()).isEqualTo(data);
        assertThat(new String(Arrays.copyOfRange(framed, at, framed.length), StandardCharsets.US_ASCII))
                .isEqualTo(CRC32 + ":NhCmhg==\r\n\r\n");
    }

    @Test
    void every_checksum_trailer_has_a_known_length_and_others_are_not_reframed() throws IOException {
        Map<String, String> values = Map.of(
                "x-amz-checksum-crc32c", "AAAAAA==", "x-amz-checksum-crc64nvme", "AAAAAAAAAAA=",
                "x-amz-checksum-sha1", "A".repeat(27) + "=", "x-amz-checksum-sha256", "A".repeat(43) + "=");
        for (Map.Entry<String, String> e : values.entrySet()) {
            assertThat(TrailerReframing.reframes(e.getKey())).isTrue();
            byte[] framed = framing(data(10), e.getKey(), values).readAllBytes();
            assertThat((long) framed.length).isEqualTo(TrailerReframing.framedLength(10, e.getKey()));
        }
        assertThat(TrailerReframing.reframes("x-amz-meta-something")).isFalse();
        assertThat(TrailerReframing.reframes(null)).isFalse();
    }

    @Test
    void a_trailer_of_the_wrong_length_or_none_fails_as_the_clients_invalid_request() {
        TrailerReframing wrong = framing(data(100), CRC32, Map.of(CRC32, "too-long-for-a-crc32"));
        assertThatThrownBy(wrong::readAllBytes).isInstanceOf(IOException.class)
                .hasMessageContaining("too-long-for-a-crc32")
                .cause().isInstanceOfSatisfying(S3AuthException.class, e -> assertThat(e.code()).isEqualTo("InvalidRequest"));
        assertThat(wrong.failure()).isNotNull();

        TrailerReframing missing = framing(data(100), CRC32, Map.of());
        assertThatThrownBy(missing::readAllBytes).hasMessageContaining("did not send it");
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length - 1; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no line end after " + from);
    }
}
