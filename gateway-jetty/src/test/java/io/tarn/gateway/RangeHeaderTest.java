package io.tarn.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectReadsTest {
    @Test
    void byte_ranges_follow_lakefs() {
        assertThat(ObjectReads.range("bytes=2-4", 10)).containsExactly(2, 4);
        assertThat(ObjectReads.range("bytes=7-", 10)).containsExactly(7, 9);
        assertThat(ObjectReads.range("bytes=-3", 10)).containsExactly(7, 9);
        assertThat(ObjectReads.range("bytes=5-100", 10)).containsExactly(5, 9);
        assertThat(ObjectReads.range("bytes=10-", 10)).isNull();
        assertThat(ObjectReads.range("bytes=4-2", 10)).isNull();
        assertThat(ObjectReads.range("bytes=0-1,4-5", 10)).isNull();
        assertThat(ObjectReads.range("items=0-1", 10)).isNull();
        assertThat(ObjectReads.range("bytes=0-0", 0)).isNull();
    }
}
