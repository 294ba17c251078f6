package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.blockstore.spi.ByteRange.Span;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    @DisplayName("a closed range inside the object covers exactly its bytes")
    void closedInside() {
        assertThat(ByteRange.closed(10, 19).resolve(100)).isEqualTo(new Span(10, 10));
        assertThat(ByteRange.closed(0, 0).resolve(1)).isEqualTo(new Span(0, 1));
    }

    @Test
    @DisplayName("a last byte past the end is clamped to the end")
    void lastClamped() {
        assertThat(ByteRange.closed(90, 1000).resolve(100)).isEqualTo(new Span(90, 10));
    }

    @Test
    @DisplayName("an open range runs to the end")
    void openToEnd() {
        assertThat(ByteRange.from(95).resolve(100)).isEqualTo(new Span(95, 5));
        assertThat(ByteRange.from(0).resolve(100)).isEqualTo(new Span(0, 100));
    }

    @Test
    @DisplayName("a suffix covers the last bytes")
    void suffix() {
        assertThat(ByteRange.suffix(5).resolve(100)).isEqualTo(new Span(95, 5));
    }

    @Test
    @DisplayName("a suffix longer than the object covers all of it")
    void longSuffix() {
        assertThat(ByteRange.suffix(500).resolve(100)).isEqualTo(new Span(0, 100));
    }

    @Test
    @DisplayName("a first byte at or past the end is an InvalidRangeException naming range and size")
    void firstPastEnd() {
        assertThatThrownBy(() -> ByteRange.from(100).resolve(100))
                .isInstanceOf(InvalidRangeException.class)
                .hasMessage("Invalid range 'bytes=100-' for an object of 100 bytes: it covers no byte");
        assertThatThrownBy(() -> ByteRange.closed(200, 300).resolve(100)).isInstanceOf(InvalidRangeException.class);
    }

    @Test
    @DisplayName("the exception carries the range and the object size")
    void exceptionCarriesValues() {
        ByteRange range = ByteRange.closed(7, 9);
        InvalidRangeException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidRangeException.class, () -> range.resolve(3));

        assertThat(e.range()).isEqualTo(range);
        assertThat(e.objectSize()).isEqualTo(3);
    }

    @Test
    @DisplayName("no range covers a byte of an empty object")
    void emptyObject() {
        assertThatThrownBy(() -> ByteRange.closed(0, 0).resolve(0)).isInstanceOf(InvalidRangeException.class);
        assertThatThrownBy(() -> ByteRange.from(0).resolve(0)).isInstanceOf(InvalidRangeException.class);
        assertThatThrownBy(() -> ByteRange.suffix(1).resolve(0)).isInstanceOf(InvalidRangeException.class);
    }

    @Test
    @DisplayName("a zero-length suffix covers nothing")
    void zeroSuffix() {
        assertThatThrownBy(() -> ByteRange.suffix(0).resolve(10)).isInstanceOf(InvalidRangeException.class);
    }

    @Test
    @DisplayName("a range whose last byte precedes its first is refused at construction")
    void backwardsRefused() {
        assertThatThrownBy(() -> ByteRange.closed(5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid byte range '5-4'");
    }

    @Test
    @DisplayName("negative offsets and lengths are refused at construction")
    void negativesRefused() {
        assertThatThrownBy(() -> ByteRange.from(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRange.suffix(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(1, -1, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("prints in the HTTP form")
    void httpForm() {
        assertThat(ByteRange.closed(0, 99)).hasToString("bytes=0-99");
        assertThat(ByteRange.from(100)).hasToString("bytes=100-");
        assertThat(ByteRange.suffix(5)).hasToString("bytes=-5");
    }

    @Test
    @DisplayName("a span's last byte is inclusive")
    void spanLastByte() {
        assertThat(new Span(10, 5).lastByte()).isEqualTo(14);
    }
}
