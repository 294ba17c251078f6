package io.tarn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.gateway.RangeHeader.Span;
import org.junit.jupiter.api.Test;

class RangeHeaderTest {
    private static Span resolve(String header, long size) {
        RangeHeader range = RangeHeader.parse(header);
        assertThat(range).as("parsed %s", header).isNotNull();
        return range.resolve(size);
    }

    @Test
    void the_three_forms_resolve_to_the_bytes_they_name() {
        assertThat(resolve("bytes=2-4", 10)).isEqualTo(new Span(2, 4));
        assertThat(resolve("bytes=7-", 10)).isEqualTo(new Span(7, 9));
        assertThat(resolve("bytes=-3", 10)).isEqualTo(new Span(7, 9));
        assertThat(resolve(" Bytes=0-0 ", 10)).isEqualTo(new Span(0, 0));
        assertThat(resolve("bytes=2-4", 10).length()).isEqualTo(3);
        assertThat(resolve("bytes=2-4", 10).contentRange(10)).isEqualTo("bytes 2-4/10");
    }

    @Test
    void a_range_past_the_end_is_clamped_and_a_long_suffix_covers_the_whole_object() {
        assertThat(resolve("bytes=5-100", 10)).isEqualTo(new Span(5, 9));
        assertThat(resolve("bytes=-50", 10)).isEqualTo(new Span(0, 9));
    }

    @Test
    void a_range_that_covers_no_byte_resolves_to_nothing() {
        assertThat(resolve("bytes=10-", 10)).isNull();
        assertThat(resolve("bytes=10-20", 10)).isNull();
        assertThat(resolve("bytes=-0", 10)).isNull();
        assertThat(resolve("bytes=0-0", 0)).isNull();
        assertThat(resolve("bytes=-5", 0)).isNull();
    }

    @Test
    void a_header_naming_no_single_byte_range_is_not_parsed() {
        assertThat(RangeHeader.parse(null)).isNull();
        assertThat(RangeHeader.parse("bytes=4-2")).isNull();
        assertThat(RangeHeader.parse("bytes=0-1,4-5")).isNull();
        assertThat(RangeHeader.parse("items=0-1")).isNull();
        assertThat(RangeHeader.parse("bytes=-")).isNull();
        assertThat(RangeHeader.parse("bytes=a-b")).isNull();
        assertThat(RangeHeader.parse("bytes=--5")).isNull();
        assertThat(RangeHeader.parse("bytes=99999999999999999999-")).isNull();
    }
}
