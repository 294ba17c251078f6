package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeterministicBytesTest {
    @Test
    @DisplayName("a stream, its slices and bytes() agree at every offset")
    void streamAndSlicesAgree() throws IOException {
        byte[] whole;
        try (InputStream in = DeterministicBytes.stream(5, 1000)) {
            whole = in.readAllBytes();
        }

        assertThat(whole).isEqualTo(DeterministicBytes.bytes(5, 1000));
        for (int offset : new int[] {0, 1, 7, 8, 9, 500, 993}) {
            assertThat(DeterministicBytes.slice(5, offset, 7)).isEqualTo(Arrays.copyOfRange(whole, offset, offset + 7));
        }
    }

    @Test
    @DisplayName("different seeds give different bytes")
    void seedsDiffer() {
        assertThat(DeterministicBytes.bytes(1, 64)).isNotEqualTo(DeterministicBytes.bytes(2, 64));
    }

    @Test
    @DisplayName("a stream ends exactly at its length")
    void endsAtLength() throws IOException {
        try (InputStream in = DeterministicBytes.stream(1, 3)) {
            assertThat(in.readNBytes(10)).hasSize(3);
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
