package io.tarn.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartFormTest {
    private static final String BOUNDARY = "----tarnBoundary7MA4YWxk";

    private static byte[] form(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append("--").append(BOUNDARY).append("\r\n").append(part).append("\r\n");
        }
        return out.append("--").append(BOUNDARY).append("--\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Hands out at most {@code step} bytes per read, so boundaries straddle reads. */
    private static InputStream trickle(byte[] bytes, int step) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    @Test
    void finds_the_named_part_after_others_and_reports_its_content_type() throws IOException {
        byte[] body = form("Content-Disposition: form-data; name=\"note\"\r\n\r\nskip me",
                "Content-Disposition: form-data; name=\"content\"; filename=\"x\"\r\nContent-Type: image/png\r\n\r\nthe bytes");
        MultipartForm.Part part = new MultipartForm(trickle(body, 3), BOUNDARY).part("content");
        assertThat(part.contentType()).isEqualTo("image/png");
        assertThat(new String(readAll(part.content()), StandardCharsets.ISO_8859_1)).isEqualTo("the bytes");
    }

    @Test
    void content_that_resembles_a_boundary_passes_through() throws IOException {
        String tricky = "line\r\n--" + BOUNDARY.substring(0, 10) + "\r\n--\r\nx--" + BOUNDARY + "\r\n-";
        byte[] body = form("Content-Disposition: form-data; name=\"content\"\r\n\r\n" + tricky);
        MultipartForm.Part part = new MultipartForm(trickle(body, 7), BOUNDARY).part("content");
        assertThat(new String(readAll(part.content()), StandardCharsets.ISO_8859_1)).isEqualTo(tricky);
        assertThat(part.contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void a_large_binary_part_streams_through_the_window_intact() throws IOException {
        byte[] payload = new byte[1_000_003];
        new Random(42).nextBytes(payload);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(payload);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        MultipartForm.Part part = new MultipartForm(trickle(body.toByteArray(), 10_000), BOUNDARY).part("content");
        assertThat(readAll(part.content())).isEqualTo(payload);
    }

    @Test
    void an_empty_part_is_empty() throws IOException {
        byte[] body = form("Content-Disposition: form-data; name=\"content\"\r\n\r\n");
        assertThat(readAll(new MultipartForm(new ByteArrayInputStream(body), BOUNDARY).part("content").content())).isEmpty();
    }

    @Test
    void a_form_without_the_part_is_a_400() {
        byte[] body = form("Content-Disposition: form-data; name=\"other\"\r\n\r\nvalue");
        assertThatThrownBy(() -> new MultipartForm(new ByteArrayInputStream(body), BOUNDARY).part("content"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("no part named 'content'");
    }

    @Test
    void a_body_cut_short_fails_while_reading_the_part() throws IOException {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nno closing boundary")
                .getBytes(StandardCharsets.ISO_8859_1);
        InputStream content = new MultipartForm(new ByteArrayInputStream(body), BOUNDARY).part("content").content();
        assertThatThrownBy(() -> readAll(content)).isInstanceOf(IOException.class).hasMessageContaining("closing boundary");
    }

    @Test
    void the_boundary_comes_from_the_content_type() {
        assertThat(MultipartForm.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
        assertThat(MultipartForm.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
        assertThatThrownBy(() -> MultipartForm.boundary("multipart/form-data")).isInstanceOf(ApiError.class);
    }
}
