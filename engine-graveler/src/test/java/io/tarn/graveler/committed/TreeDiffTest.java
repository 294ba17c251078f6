package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.api.DiffEntry;
import io.tarn.api.Entry;
import io.tarn.blockstore.local.LocalBlockStore;
import io.tarn.blockstore.local.LocalBlockStoreConfig;
import io.tarn.blockstore.spi.Location;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDiffTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;
    LocalBlockStore local;
    RangeStoreTest.CountingBlockStore blocks;
    RangeStore store;
    Namespace ns;
    TreeWriter writer;

    @BeforeEach
    void open() {
        local = LocalBlockStore.open(new LocalBlockStoreConfig(dir.resolve("blocks")));
        blocks = new RangeStoreTest.CountingBlockStore(local);
        store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB);
        ns = new Namespace(blocks, Location.of("local://diff"));
        writer = new TreeWriter(store, new RangeSplitPolicy(20, MIB));
    }

    @AfterEach
    void close() {
        store.close();
        local.close();
    }

    @Test
    void identicalTreesHaveNoDifferences() {
        MetaRange tree = tree(entries(keys("k/", 0, 200), 1));

        assertThat(diff(tree, tree, "", "")).isEmpty();
    }

    @Test
    void addedRemovedAndChangedKeysAreReportedInKeyOrder() {
        TreeMap<String, Entry> left = entries(keys("k/", 0, 300), 1);
        TreeMap<String, Entry> right = new TreeMap<>(left);
        right.put("k/0100", entry("k/0100", 2));
        right.remove("k/0200");
        right.put("k/0150/new", entry("k/0150/new", 1));

        List<DiffEntry> diff = diff(tree(left), tree(right), "", "");

        assertThat(diff).containsExactly(
                new DiffEntry("k/0100", DiffEntry.Type.CHANGED, entry("k/0100", 1), entry("k/0100", 2)),
                new DiffEntry("k/0150/new", DiffEntry.Type.ADDED, null, entry("k/0150/new", 1)),
                new DiffEntry("k/0200", DiffEntry.Type.REMOVED, entry("k/0200", 1), null));
    }

    @Test
    void everyKeyIsAddedAgainstTheEmptyTree() {
        TreeMap<String, Entry> right = entries(keys("k/", 0, 100), 1);

        List<DiffEntry> diff = diff(MetaRange.empty(), tree(right), "", "");

        assertThat(diff).extracting(DiffEntry::path).containsExactlyElementsOf(right.keySet());
        assertThat(diff).extracting(DiffEntry::type).containsOnly(DiffEntry.Type.ADDED);
    }

    @Test
    void everyKeyIsRemovedAgainstTheEmptyTree() {
        TreeMap<String, Entry> left = entries(keys("k/", 0, 100), 1);

        List<DiffEntry> diff = diff(tree(left), MetaRange.empty(), "", "");

        assertThat(diff).extracting(DiffEntry::path).containsExactlyElementsOf(left.keySet());
        assertThat(diff).extracting(DiffEntry::type).containsOnly(DiffEntry.Type.REMOVED);
    }

    @Test
    void sameContentAtAnotherAddressIsNoDifference() {
        TreeMap<String, Entry> left = entries(keys("k/", 0, 100), 1);
        TreeMap<String, Entry> right = new TreeMap<>(left);
        Entry e = left.get("k/0050");
        right.put("k/0050", new Entry("data/rewritten", e.size(), e.etag(), e.checksums(), e.contentType(), e.userMetadata(), e.tags(),
                Instant.ofEpochMilli(123_456)));
        MetaRange leftTree = tree(left);
        MetaRange rightTree = tree(right);

        assertThat(rightTree.id()).isNotEqualTo(leftTree.id());
        assertThat(diff(leftTree, rightTree, "", "")).isEmpty();
    }

    @Test
    void differencesComeInUtf8ByteOrder() {
        TreeMap<String, Entry> right = new TreeMap<>(KeyOrder.COMPARATOR);
        for (String key : List.of("a", "\uE000", "\uFFFF", "😀", "𝄞")) {
            right.put(key, entry(key, 1));
        }

        List<DiffEntry> diff = diff(MetaRange.empty(), tree(right), "", "");

        assertThat(diff).extracting(DiffEntry::path).containsExactly("a", "\uE000", "\uFFFF", "𝄞", "😀");
    }

    @Test
    void prefixLimitsTheDifferencesToKeysStartingWithIt() {
        TreeMap<String, Entry> left = entries(keys("a/", 0, 100), 1);
        left.putAll(entries(keys("b/", 0, 100), 1));
        left.putAll(entries(keys("c/", 0, 100), 1));
        TreeMap<String, Entry> right = new TreeMap<>(left);
        for (String dirName : List.of("a/", "b/", "c/")) {
            right.put(dirName + "0010", entry(dirName + "0010", 2));
            right.put(dirName + "0090", entry(dirName + "0090", 2));
        }

        List<DiffEntry> diff = diff(tree(left), tree(right), "b/", "");

        assertThat(diff).extracting(DiffEntry::path).containsExactly("b/0010", "b/0090");
    }

    @Test
    void prefixIsAStringPrefixNotADirectory() {
        TreeMap<String, Entry> right = new TreeMap<>(KeyOrder.COMPARATOR);
        for (String key : List.of("b", "b/x", "b0", "bc", "c")) {
            right.put(key, entry(key, 1));
        }

        List<DiffEntry> diff = diff(MetaRange.empty(), tree(right), "b", "");

        assertThat(diff).extracting(DiffEntry::path).containsExactly("b", "b/x", "b0", "bc");
    }

    @Test
    void afterExcludesItselfAndEveryKeyBeforeIt() {
        TreeMap<String, Entry> left = entries(keys("k/", 0, 200), 1);
        TreeMap<String, Entry> right = new TreeMap<>(left);
        for (String key : List.of("k/0010", "k/0100", "k/0150", "k/0199")) {
            right.put(key, entry(key, 2));
        }

        List<DiffEntry> diff = diff(tree(left), tree(right), "", "k/0100");

        assertThat(diff).extracting(DiffEntry::path).containsExactly("k/0150", "k/0199");
    }

    @Test
    void afterBetweenKeysStartsAtTheNextKey() {
        TreeMap<String, Entry> right = entries(keys("k/", 0, 100), 1);

        List<DiffEntry> diff = diff(MetaRange.empty(), tree(right), "", "k/0049x");

        assertThat(diff).extracting(DiffEntry::path).startsWith("k/0050").hasSize(50);
    }

    @Test
    void afterBeforeThePrefixGivesTheWholePrefix() {
        TreeMap<String, Entry> right = entries(keys("a/", 0, 30), 1);
        right.putAll(entries(keys("b/", 0, 30), 1));

        List<DiffEntry> diff = diff(MetaRange.empty(), tree(right), "b/", "a/0010");

        assertThat(diff).extracting(DiffEntry::path).containsExactlyElementsOf(keys("b/", 0, 30));
    }

    @Test
    void afterInsideThePrefixGivesTheRestOfThePrefix() {
        TreeMap<String, Entry> right = entries(keys("a/", 0, 30), 1);
        right.putAll(entries(keys("b/", 0, 30), 1));
        right.putAll(entries(keys("c/", 0, 30), 1));

        List<DiffEntry> diff = diff(MetaRange.empty(), tree(right), "b/", "b/0025");

        assertThat(diff).extracting(DiffEntry::path).containsExactly("b/0026", "b/0027", "b/0028", "b/0029");
    }

    @Test
    void afterPastThePrefixGivesNothing() {
        TreeMap<String, Entry> right = entries(keys("a/", 0, 30), 1);
        right.putAll(entries(keys("b/", 0, 30), 1));

        assertThat(diff(MetaRange.empty(), tree(right), "a/", "a/0029")).isEmpty();
        assertThat(diff(MetaRange.empty(), tree(right), "a/", "b")).isEmpty();
    }

    @Test
    void afterEqualToThePrefixExcludesThePrefixItself() {
        TreeMap<String, Entry> right = new TreeMap<>(KeyOrder.COMPARATOR);
        for (String key : List.of("a", "b", "b/1", "b/2", "c")) {
            right.put(key, entry(key, 1));
        }

        List<DiffEntry> diff = diff(MetaRange.empty(), tree(right), "b", "b");

        assertThat(diff).extracting(DiffEntry::path).containsExactly("b/1", "b/2");
    }

    @Test
    void rangesWithEqualIdsOnBothSidesAreSkippedUnread() {
        TreeMap<String, Entry> left = entries(keys("k/", 0, 600), 1);
        TreeMap<String, Entry> right = new TreeMap<>(left);
        right.put("k/0567", entry("k/0567", 2));
        MetaRange leftTree = tree(left);
        MetaRange rightTree = tree(right);
        assertThat(leftTree.ranges()).hasSizeGreaterThan(20);
        blocks.gets.clear();

        List<DiffEntry> diff;
        try (RangeStore cold = new RangeStore(dir.resolve("cold-cache"), 64 * MIB, 64 * MIB)) {
            diff = diff(cold, leftTree, rightTree, "", "");
        }

        assertThat(diff).extracting(DiffEntry::path).containsExactly("k/0567");
        assertThat(blocks.rangeGets()).as("range files fetched: %s", blocks.gets).isLessThanOrEqualTo(2);
    }

    @Test
    void boundedDiffReadsNoRangeBeforeItsStart() {
        TreeMap<String, Entry> left = entries(keys("k/", 0, 600), 1);
        TreeMap<String, Entry> right = new TreeMap<>(left);
        for (int i = 0; i < 600; i += 50) {
            String key = String.format("k/%04d", i);
            right.put(key, entry(key, 2));
        }
        MetaRange leftTree = tree(left);
        MetaRange rightTree = tree(right);
        blocks.gets.clear();

        List<DiffEntry> diff;
        try (RangeStore cold = new RangeStore(dir.resolve("cold-cache"), 64 * MIB, 64 * MIB)) {
            diff = diff(cold, leftTree, rightTree, "k/0", "k/0350");
        }

        assertThat(diff).extracting(DiffEntry::path).containsExactly("k/0400", "k/0450", "k/0500", "k/0550");
        List<String> fetchedMaxKeys = new ArrayList<>();
        for (RangeInfo r : Stream.concat(leftTree.ranges().stream(), rightTree.ranges().stream()).distinct().toList()) {
            if (blocks.gets.contains(ns.range(r.id()))) {
                fetchedMaxKeys.add(r.maxKey());
            }
        }
        assertThat(fetchedMaxKeys).as("last keys of the ranges fetched").allMatch(k -> KeyOrder.compare(k, "k/0350") >= 0);
        // At most the range holding the start and the range of each change, on each side, of ~30 per side.
        assertThat(blocks.rangeGets()).isLessThanOrEqualTo(2 * (1 + 4));
    }

    private List<DiffEntry> diff(MetaRange left, MetaRange right, String prefix, String after) {
        return diff(store, left, right, prefix, after);
    }

    private List<DiffEntry> diff(RangeStore rangeStore, MetaRange left, MetaRange right, String prefix, String after) {
        List<DiffEntry> out = new ArrayList<>();
        new TreeDiff(rangeStore, ns, left, right, prefix, after).forEachRemaining(d -> out.add(d.toDiffEntry()));
        return out;
    }

    private MetaRange tree(TreeMap<String, Entry> entries) {
        return writer.write(ns, entries.entrySet().stream().map(e -> Change.put(e.getKey(), e.getValue())).iterator());
    }

    static List<String> keys(String prefix, int from, int to) {
        List<String> keys = new ArrayList<>();
        for (int i = from; i < to; i++) {
            keys.add(String.format("%s%04d", prefix, i));
        }
        return keys;
    }

    static TreeMap<String, Entry> entries(List<String> keys, int version) {
        TreeMap<String, Entry> entries = new TreeMap<>(KeyOrder.COMPARATOR);
        keys.forEach(k -> entries.put(k, entry(k, version)));
        return entries;
    }

    static Entry entry(String key, int version) {
        return new Entry("data/" + key + "/" + version, 7, "etag-" + key + "-" + version, Map.of(), "text/plain", Map.of(),
                Map.of(), Instant.ofEpochMilli(1000 + version));
    }
}
