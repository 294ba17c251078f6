package io.tarn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartLayoutTest {
    @Test
    void tenThousandEqualPartsAndAShortLastOneEncodeInAFewBytes() {
        List<Long> sizes = new ArrayList<>(Collections.nCopies(9_999, 8_388_608L));
        sizes.add(12L);

        String encoded = PartLayout.of(sizes).encode();

        assertThat(encoded).isEqualTo("8388608*9999,12");
        PartLayout back = PartLayout.parse(encoded);
        assertThat(back.count()).isEqualTo(10_000);
        assertThat(back.span(10_000)).containsExactly(9_999L * 8_388_608L, 12L);
    }

    @Test
    void unevenPartsRoundTrip() {
        PartLayout layout = PartLayout.parse(PartLayout.of(List.of(5L, 7L, 7L, 5L)).encode());

        assertThat(layout.span(1)).containsExactly(0, 5);
        assertThat(layout.span(3)).containsExactly(12, 7);
        assertThat(layout.span(4)).containsExactly(19, 5);
    }

    @Test
    void badLayoutsNameTheValue() {
        for (String bad : new String[] {"", "x", "5*0", "-1", "5*", "5*10001"}) {
            assertThatThrownBy(() -> PartLayout.parse(bad)).as(bad).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void thereIsNoPartZeroNorOnePastTheLast() {
        PartLayout layout = PartLayout.of(List.of(1L, 2L));

        assertThatThrownBy(() -> layout.span(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> layout.span(3)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("part 3 of 2");
    }
}
