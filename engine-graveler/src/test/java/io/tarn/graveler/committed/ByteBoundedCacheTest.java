package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteBoundedCacheTest {
    /** Values are their own weight. */
    private final List<String> evicted = new ArrayList<>();
    private final ByteBoundedCache<String, Long> cache = new ByteBoundedCache<>(100, Long::longValue, (k, v) -> evicted.add(k + "=" + v));

    @Test
    void keepsValuesWhileTheirWeightFits() {
        cache.put("a", 40L);
        cache.put("b", 60L);

        assertThat(cache.get("a")).isEqualTo(40L);
        assertThat(cache.get("b")).isEqualTo(60L);
        assertThat(cache.weight()).isEqualTo(100);
        assertThat(evicted).isEmpty();
    }

    @Test
    void evictsTheLeastRecentlyUsedUntilTheWeightFits() {
        cache.put("a", 30L);
        cache.put("b", 30L);
        cache.put("c", 30L);

        int count = cache.put("d", 50L);

        assertThat(count).isEqualTo(2);
        assertThat(evicted).containsExactly("a=30", "b=30");
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("c")).isEqualTo(30L);
        assertThat(cache.get("d")).isEqualTo(50L);
        assertThat(cache.weight()).isEqualTo(80);
    }

    @Test
    void evictsByWeightNotByCount() {
        for (int i = 0; i < 10; i++) {
            cache.put("small-" + i, 1L);
        }

        cache.put("heavy", 95L);

        assertThat(evicted).containsExactly("small-0=1", "small-1=1", "small-2=1", "small-3=1", "small-4=1");
        assertThat(cache.weight()).isEqualTo(100);
    }

    @Test
    void getRefreshesRecency() {
        cache.put("a", 40L);
        cache.put("b", 40L);
        cache.get("a");

        cache.put("c", 40L);

        assertThat(evicted).containsExactly("b=40");
        assertThat(cache.get("a")).isEqualTo(40L);
    }

    @Test
    void putOfAnExistingKeyRefreshesRecency() {
        cache.put("a", 40L);
        cache.put("b", 40L);
        cache.put("a", 40L);

        cache.put("c", 40L);

        assertThat(evicted).containsExactly("b=40");
    }

    @Test
    void valueHeavierThanTheCapacityIsNotKept() {
        cache.put("a", 50L);

        int count = cache.put("huge", 101L);

        assertThat(count).isZero();
        assertThat(cache.get("huge")).isNull();
        assertThat(cache.get("a")).isEqualTo(50L);
        assertThat(cache.weight()).isEqualTo(50);
    }

    @Test
    void valueHeavierThanTheCapacityIsHandedToTheListener() {
        cache.put("huge", 101L);

        assertThat(evicted).containsExactly("huge=101");
    }

    @Test
    void valueAsHeavyAsTheCapacityIsKeptAlone() {
        cache.put("a", 1L);

        cache.put("full", 100L);

        assertThat(cache.get("full")).isEqualTo(100L);
        assertThat(evicted).containsExactly("a=1");
        assertThat(cache.weight()).isEqualTo(100);
    }

    @Test
    void removeDropsTheValueWithoutCallingTheListener() {
        cache.put("a", 40L);

        cache.remove("a");

        assertThat(cache.get("a")).isNull();
        assertThat(cache.weight()).isZero();
        assertThat(evicted).isEmpty();
    }

    @Test
    void removeOfAnAbsentKeyChangesNothing() {
        cache.put("a", 40L);

        cache.remove("b");

        assertThat(cache.weight()).isEqualTo(40);
    }

    @Test
    void replacingAValueCountsOnlyTheNewWeight() {
        cache.put("a", 40L);

        cache.put("a", 70L);

        assertThat(cache.get("a")).isEqualTo(70L);
        assertThat(cache.weight()).isEqualTo(70);
    }

    @Test
    void replacingAValueWithAHeavierOneEvictsOthersButNotItself() {
        cache.put("a", 40L);
        cache.put("b", 40L);

        cache.put("a", 90L);

        assertThat(evicted).containsExactly("b=40");
        assertThat(cache.get("a")).isEqualTo(90L);
        assertThat(cache.weight()).isEqualTo(90);
    }

    @Test
    void weightFollowsPutsEvictionsAndRemovals() {
        cache.put("a", 10L);
        cache.put("b", 20L);
        assertThat(cache.weight()).isEqualTo(30);

        cache.put("c", 85L); // 115: evicts a, still 105: evicts b
        assertThat(cache.weight()).isEqualTo(85);

        cache.remove("c");
        assertThat(cache.weight()).isZero();
    }

    @Test
    void zeroCapacityKeepsNothing() {
        ByteBoundedCache<String, Long> none = new ByteBoundedCache<>(0, Long::longValue);

        none.put("a", 1L);

        assertThat(none.get("a")).isNull();
        assertThat(none.weight()).isZero();
    }

    @Test
    void negativeCapacityIsRefusedNamingIt() {
        assertThatThrownBy(() -> new ByteBoundedCache<String, Long>(-5, Long::longValue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid cache capacity -5");
    }

    @Test
    void statsCountEntriesWeightHitsAndMisses() {
        cache.put("a", 40L);
        cache.get("a");
        cache.get("a");
        cache.get("b");

        assertThat(cache.stats()).isEqualTo("1 entries, 40 of 100 bytes, 2 hits, 1 misses");
    }
}
