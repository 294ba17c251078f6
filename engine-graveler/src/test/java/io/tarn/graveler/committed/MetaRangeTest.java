package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaRangeTest {
    // Three ranges: [b .. d], [f .. h], [k .. m].
    private static final RangeInfo FIRST = new RangeInfo("id-first", "b", "d", 3, 300);
    private static final RangeInfo SECOND = new RangeInfo("id-second", "f", "h", 2, 200);
    private static final RangeInfo THIRD = new RangeInfo("id-third", "k", "m", 4, 400);
    private static final MetaRange TREE = MetaRange.of(List.of(FIRST, SECOND, THIRD));

    @Test
    void equalRangeListsGiveEqualIds() {
        MetaRange again = MetaRange.of(new ArrayList<>(List.of(
                new RangeInfo("id-first", "b", "d", 3, 300), new RangeInfo("id-second", "f", "h", 2, 200),
                new RangeInfo("id-third", "k", "m", 4, 400))));

        assertThat(again.id()).isEqualTo(TREE.id()).hasSize(64).matches("[0-9a-f]+");
        assertThat(again).isEqualTo(TREE);
    }

    @Test
    void idChangesWithAnyFieldOfAnyRange() {
        List<List<RangeInfo>> variants = List.of(
                List.of(new RangeInfo("id-other", "b", "d", 3, 300), SECOND, THIRD),
                List.of(new RangeInfo("id-first", "a", "d", 3, 300), SECOND, THIRD),
                List.of(new RangeInfo("id-first", "b", "e", 3, 300), SECOND, THIRD),
                List.of(FIRST, new RangeInfo("id-second", "f", "h", 5, 200), THIRD),
                List.of(FIRST, SECOND, new RangeInfo("id-third", "k", "m", 4, 401)));

        for (List<RangeInfo> variant : variants) {
            assertThat(MetaRange.of(variant).id()).as("%s", variant).isNotEqualTo(TREE.id());
        }
    }

    @Test
    void idChangesWhenARangeIsAddedOrRemoved() {
        assertThat(MetaRange.of(List.of(FIRST, SECOND)).id()).isNotEqualTo(TREE.id());
        assertThat(MetaRange.of(List.of(SECOND, THIRD)).id()).isNotEqualTo(TREE.id());
        assertThat(MetaRange.of(List.of(FIRST, SECOND)).id()).isNotEqualTo(MetaRange.of(List.of(SECOND, THIRD)).id());
    }

    @Test
    void overlappingRangesAreRefusedNamingTheRangeAndKeys() {
        RangeInfo overlapping = new RangeInfo("id-overlap", "c", "e", 1, 10);

        assertThatThrownBy(() -> MetaRange.of(List.of(FIRST, overlapping)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid metarange")
                .hasMessageContaining("id-overlap")
                .hasMessageContaining("'c'")
                .hasMessageContaining("'d'");
    }

    @Test
    void rangesSharingABoundaryKeyAreRefused() {
        RangeInfo touching = new RangeInfo("id-touch", "d", "e", 1, 10);

        assertThatThrownBy(() -> MetaRange.of(List.of(FIRST, touching)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id-touch")
                .hasMessageContaining("'d'");
    }

    @Test
    void unorderedRangesAreRefusedNamingTheMisplacedRange() {
        assertThatThrownBy(() -> MetaRange.of(List.of(SECOND, FIRST)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id-first")
                .hasMessageContaining("'b'")
                .hasMessageContaining("'h'");
    }

    @Test
    void rangesInUtf8ByteOrderAreAcceptedThoughUtf16OrderDiffers() {
        RangeInfo privateUse = new RangeInfo("id-pua", "\uE000", "\uFFFF", 1, 10);
        RangeInfo emoji = new RangeInfo("id-emoji", "😀", "😀/z", 1, 10);

        assertThat(MetaRange.of(List.of(privateUse, emoji)).ranges()).containsExactly(privateUse, emoji);
        assertThatThrownBy(() -> MetaRange.of(List.of(emoji, privateUse))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesListIsACopy() {
        List<RangeInfo> ranges = new ArrayList<>(List.of(FIRST));
        MetaRange tree = MetaRange.of(ranges);

        ranges.add(SECOND);

        assertThat(tree.ranges()).containsExactly(FIRST);
        assertThatThrownBy(() -> tree.ranges().add(SECOND)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void countSumsTheRanges() {
        assertThat(TREE.count()).isEqualTo(9);
    }

    @Test
    void rangeForAKeyBeforeEveryRangeIsNone() {
        assertThat(TREE.rangeFor("a")).isEqualTo(-1);
        assertThat(TREE.rangeFor("")).isEqualTo(-1);
    }

    @Test
    void rangeForAKeyInsideARangeIsThatRange() {
        assertThat(TREE.rangeFor("c")).isZero();
        assertThat(TREE.rangeFor("g")).isEqualTo(1);
        assertThat(TREE.rangeFor("l")).isEqualTo(2);
    }

    @Test
    void rangeForARangesFirstAndLastKeyIsThatRange() {
        assertThat(TREE.rangeFor("b")).isZero();
        assertThat(TREE.rangeFor("d")).isZero();
        assertThat(TREE.rangeFor("f")).isEqualTo(1);
        assertThat(TREE.rangeFor("h")).isEqualTo(1);
        assertThat(TREE.rangeFor("k")).isEqualTo(2);
        assertThat(TREE.rangeFor("m")).isEqualTo(2);
    }

    @Test
    void rangeForAKeyBetweenRangesIsNone() {
        assertThat(TREE.rangeFor("e")).isEqualTo(-1);
        assertThat(TREE.rangeFor("d/")).isEqualTo(-1);
        assertThat(TREE.rangeFor("j")).isEqualTo(-1);
    }

    @Test
    void rangeForAKeyAfterEveryRangeIsNone() {
        assertThat(TREE.rangeFor("m/")).isEqualTo(-1);
        assertThat(TREE.rangeFor("z")).isEqualTo(-1);
    }

    @Test
    void firstRangeEndingAtOrAfterAKeyBeforeEveryRangeIsTheFirst() {
        assertThat(TREE.firstRangeEndingAtOrAfter("")).isZero();
        assertThat(TREE.firstRangeEndingAtOrAfter("a")).isZero();
    }

    @Test
    void firstRangeEndingAtOrAfterAKeyInsideARangeIsThatRange() {
        assertThat(TREE.firstRangeEndingAtOrAfter("b")).isZero();
        assertThat(TREE.firstRangeEndingAtOrAfter("d")).isZero();
        assertThat(TREE.firstRangeEndingAtOrAfter("g")).isEqualTo(1);
        assertThat(TREE.firstRangeEndingAtOrAfter("m")).isEqualTo(2);
    }

    @Test
    void firstRangeEndingAtOrAfterAKeyBetweenRangesIsTheNextRange() {
        assertThat(TREE.firstRangeEndingAtOrAfter("d/")).isEqualTo(1);
        assertThat(TREE.firstRangeEndingAtOrAfter("e")).isEqualTo(1);
        assertThat(TREE.firstRangeEndingAtOrAfter("j")).isEqualTo(2);
    }

    @Test
    void firstRangeEndingAtOrAfterAKeyAfterEveryRangeIsTheRangeCount() {
        assertThat(TREE.firstRangeEndingAtOrAfter("m/")).isEqualTo(3);
        assertThat(TREE.firstRangeEndingAtOrAfter("z")).isEqualTo(3);
    }

    @Test
    void firstRangeEndingAtOrAfterUsesUtf8ByteOrder() {
        MetaRange tree = MetaRange.of(List.of(new RangeInfo("id-pua", "\uE000", "\uFFFF", 1, 10),
                new RangeInfo("id-emoji", "😀", "😀/z", 1, 10)));

        assertThat(tree.firstRangeEndingAtOrAfter("𝄞")).isEqualTo(1);
        assertThat(tree.rangeFor("😀/a")).isEqualTo(1);
        assertThat(tree.rangeFor("\uF000")).isZero();
    }

    @Test
    void emptyMetaRangeHasNoRangesAndAStableId() {
        MetaRange empty = MetaRange.empty();

        assertThat(empty.ranges()).isEmpty();
        assertThat(empty.count()).isZero();
        assertThat(empty.id()).isEqualTo(MetaRange.of(List.of()).id()).isNotEqualTo(TREE.id());
    }

    @Test
    void emptyMetaRangeHoldsNoKey() {
        MetaRange empty = MetaRange.empty();

        assertThat(empty.rangeFor("a")).isEqualTo(-1);
        assertThat(empty.firstRangeEndingAtOrAfter("a")).isZero();
        assertThat(empty.firstRangeEndingAtOrAfter("")).isZero();
    }
}
