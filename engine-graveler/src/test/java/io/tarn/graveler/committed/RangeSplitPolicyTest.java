package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RangeSplitPolicyTest {
    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Splits sorted keys into ranges and returns each range's first key. */
    private static List<String> rangeStarts(RangeSplitPolicy policy, TreeSet<String> keys) {
        List<String> starts = new ArrayList<>();
        boolean open = false;
        for (String k : keys) {
            if (!open) {
                starts.add(k);
                open = true;
            }
            if (policy.isBoundary(key(k))) {
                open = false;
            }
        }
        return starts;
    }

    @Test
    void hashIsPartOfTheFormatAndMustNotChange() {
        // FNV-1a 64 of the empty input is the offset basis; fmix64 of it is fixed forever.
        assertThat(RangeSplitPolicy.keyHash(new byte[0])).isEqualTo(fmix64(0xcbf29ce484222325L));
        // FNV-1a 64 of "a" is the published test vector 0xaf63dc4c8601ec8c.
        assertThat(RangeSplitPolicy.keyHash(key("a"))).isEqualTo(fmix64(0xaf63dc4c8601ec8cL));
    }

    private static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Test
    void rangesAverageTheTargetSize() {
        RangeSplitPolicy policy = new RangeSplitPolicy(100, Long.MAX_VALUE);
        TreeSet<String> keys = new TreeSet<>();
        Random random = new Random(42);
        while (keys.size() < 200_000) {
            keys.add("data/" + Long.toHexString(random.nextLong()));
        }
        int ranges = rangeStarts(policy, keys).size();
        assertThat(200_000.0 / ranges).isBetween(80.0, 125.0);
    }

    @Test
    void anInsertedKeyChangesAtMostTheRangeItFallsIn() {
        RangeSplitPolicy policy = new RangeSplitPolicy(50, Long.MAX_VALUE);
        TreeSet<String> keys = new TreeSet<>();
        Random random = new Random(7);
        while (keys.size() < 20_000) {
            keys.add("k/" + random.nextInt(1_000_000_000));
        }
        List<String> before = rangeStarts(policy, keys);
        keys.add("k/500000000x");
        List<String> after = rangeStarts(policy, keys);
        List<String> changed = new ArrayList<>(after);
        changed.removeAll(before);
        List<String> lost = new ArrayList<>(before);
        lost.removeAll(after);
        assertThat(changed.size() + lost.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void byteCapClosesARangeEvenWithoutANaturalBoundary() {
        RangeSplitPolicy policy = new RangeSplitPolicy(Integer.MAX_VALUE, 1000);
        byte[] k = key("some-key-that-is-no-boundary");
        assertThat(policy.closesAfter(k, 999)).isEqualTo(policy.isBoundary(k));
        assertThat(policy.closesAfter(k, 1000)).isTrue();
    }

    @Test
    void targetOfOneClosesAfterEveryKey() {
        RangeSplitPolicy policy = new RangeSplitPolicy(1, Long.MAX_VALUE);
        assertThat(policy.isBoundary(key("x"))).isTrue();
        assertThat(policy.isBoundary(key("y/z"))).isTrue();
    }

    @Test
    void invalidSettingsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new RangeSplitPolicy(0, 10)).hasMessageContaining("Invalid target records per range 0");
        assertThatThrownBy(() -> new RangeSplitPolicy(10, 0)).hasMessageContaining("Invalid maximum range size 0");
    }
}
