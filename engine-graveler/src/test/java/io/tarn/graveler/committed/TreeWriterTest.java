package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.Entry;
import io.tarn.blockstore.local.LocalBlockStore;
import io.tarn.blockstore.local.LocalBlockStoreConfig;
import io.tarn.blockstore.spi.Location;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWriterTest {
    @TempDir
    Path dir;
    LocalBlockStore blocks;
    RangeStore store;
    Namespace ns;
    TreeWriter writer;

    @BeforeEach
    void open() {
        blocks = LocalBlockStore.open(new LocalBlockStoreConfig(dir.resolve("blocks")));
        store = new RangeStore(dir.resolve("cache"), 64 << 20, 64 << 20);
        ns = new Namespace(blocks, Location.of("local://tree"));
        writer = new TreeWriter(store, new RangeSplitPolicy(50, 1 << 20));
    }

    @AfterEach
    void close() {
        store.close();
        blocks.close();
    }

    @Test
    void aChangeRewritesOnlyTheRangeItFallsInAndReusesTheOthersById() {
        MetaRange base = writer.write(ns, puts(keys(0, 5000), 1));
        String key = keys(0, 5000).get(2500);

        MetaRange changed = writer.apply(ns, base, List.of(Change.put(key, entry(key, 2))).iterator());

        List<String> before = ids(base);
        List<String> after = ids(changed);
        assertThat(before).hasSizeGreaterThan(20);
        assertThat(after).hasSameSizeAs(before);
        assertThat(differing(before, after)).isEqualTo(1);
    }

    @Test
    void theSameEntriesSplitTheSameWayWhateverTheHistory() {
        TreeMap<String, Entry> target = new TreeMap<>(KeyOrder.COMPARATOR);
        keys(0, 3000).forEach(k -> target.put(k, entry(k, 1)));
        MetaRange direct = writer.write(ns, changes(target));

        MetaRange stepwise = writer.write(ns, puts(keys(0, 1500), 1));
        stepwise = writer.apply(ns, stepwise, puts(keys(1500, 3000), 1));
        List<Change> deletions = new ArrayList<>();
        keys(0, 3000).stream().filter(k -> k.hashCode() % 7 == 0).sorted(KeyOrder.COMPARATOR).forEach(k -> deletions.add(Change.delete(k)));
        stepwise = writer.apply(ns, stepwise, deletions.iterator());
        List<Change> readd = new ArrayList<>();
        deletions.forEach(d -> readd.add(Change.put(d.key(), entry(d.key(), 1))));
        stepwise = writer.apply(ns, stepwise, readd.iterator());

        assertThat(stepwise.id()).isEqualTo(direct.id());
    }

    @Test
    void deletingTheKeyThatClosedARangeJoinsItToItsNeighbourWithoutFragments() {
        MetaRange base = writer.write(ns, puts(keys(0, 2000), 1));
        String boundary = base.ranges().get(3).maxKey();

        MetaRange changed = writer.apply(ns, base, List.of(Change.delete(boundary)).iterator());

        TreeMap<String, Entry> expected = new TreeMap<>(KeyOrder.COMPARATOR);
        keys(0, 2000).stream().filter(k -> !k.equals(boundary)).forEach(k -> expected.put(k, entry(k, 1)));
        assertThat(changed.id()).isEqualTo(writer.write(ns, changes(expected)).id());
        assertThat(changed.ranges()).hasSize(base.ranges().size() - 1);
    }

    @Test
    void writingTheSameContentAgainKeepsTheCommittedRecord() {
        MetaRange base = writer.write(ns, puts(keys(0, 500), 1));
        String key = keys(0, 500).get(100);
        Entry sameContentNewAddress = new Entry("data/other", 7, "etag-" + key, Map.of(), "text/plain", Map.of(), Map.of(),
                Instant.ofEpochMilli(99));

        assertThat(writer.apply(ns, base, List.of(Change.put(key, sameContentNewAddress)).iterator()).id()).isEqualTo(base.id());
    }

    @Test
    void changesOutOfOrderAreRefusedNamingTheKey() {
        Iterator<Change> unordered = List.of(Change.delete("b"), Change.delete("a")).iterator();

        assertThatThrownBy(() -> writer.write(ns, unordered)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
    }

    private static List<String> keys(int from, int to) {
        List<String> keys = new ArrayList<>();
        for (int i = from; i < to; i++) {
            keys.add(String.format("k/%06d", i));
        }
        return keys;
    }

    private static Entry entry(String key, int version) {
        return new Entry("data/" + key + "/" + version, 7, version == 1 ? "etag-" + key : "etag-" + key + "-" + version, Map.of(),
                "text/plain", Map.of(), Map.of(), Instant.ofEpochMilli(1000));
    }

    private static Iterator<Change> puts(List<String> keys, int version) {
        return keys.stream().map(k -> Change.put(k, entry(k, version))).iterator();
    }

    private static Iterator<Change> changes(TreeMap<String, Entry> entries) {
        return entries.entrySet().stream().map(e -> Change.put(e.getKey(), e.getValue())).iterator();
    }

    private static List<String> ids(MetaRange m) {
        return m.ranges().stream().map(RangeInfo::id).toList();
    }

    private static long differing(List<String> a, List<String> b) {
        return a.stream().filter(id -> !b.contains(id)).count();
    }
}
