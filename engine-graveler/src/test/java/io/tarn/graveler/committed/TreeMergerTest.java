package io.tarn.graveler.committed;

import static io.tarn.graveler.committed.TreeDiffTest.entries;
import static io.tarn.graveler.committed.TreeDiffTest.entry;
import static io.tarn.graveler.committed.TreeDiffTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.api.Entry;
import io.tarn.api.MergeConflict;
import io.tarn.api.MergeStrategy;
import io.tarn.blockstore.local.LocalBlockStore;
import io.tarn.blockstore.local.LocalBlockStoreConfig;
import io.tarn.blockstore.spi.Location;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeMergerTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;
    LocalBlockStore blocks;
    RangeStore store;
    Namespace ns;
    TreeWriter writer;
    TreeMerger merger;

    /** k/0000 .. k/0099 at version 1: base, source and destination start from it. */
    TreeMap<String, Entry> base;
    TreeMap<String, Entry> source;
    TreeMap<String, Entry> destination;

    @BeforeEach
    void open() {
        blocks = LocalBlockStore.open(new LocalBlockStoreConfig(dir.resolve("blocks")));
        store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB);
        ns = new Namespace(blocks, Location.of("local://merge"));
        writer = new TreeWriter(store, new RangeSplitPolicy(8, MIB));
        merger = new TreeMerger(store, writer);
        base = entries(keys("k/", 0, 100), 1);
        source = new TreeMap<>(base);
        destination = new TreeMap<>(base);
    }

    @AfterEach
    void close() {
        store.close();
        blocks.close();
    }

    @Test
    void sourceChangeToAKeyTheDestinationLeftAloneIsTaken() {
        source.put("k/0010", entry("k/0010", 2));

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).isEmpty();
        assertThat(contents(outcome.tree())).isEqualTo(with(base, "k/0010", entry("k/0010", 2)));
    }

    @Test
    void sourceAdditionIsTaken() {
        source.put("k/0010/new", entry("k/0010/new", 1));

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).isEmpty();
        assertThat(contents(outcome.tree())).isEqualTo(with(base, "k/0010/new", entry("k/0010/new", 1)));
    }

    @Test
    void sourceDeletionOfAKeyTheDestinationLeftAloneIsTaken() {
        source.remove("k/0010");

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).isEmpty();
        assertThat(contents(outcome.tree())).doesNotContainKey("k/0010").hasSize(99);
    }

    @Test
    void destinationChangesTheSourceDidNotMakeAreKept() {
        destination.put("k/0020", entry("k/0020", 3));
        destination.remove("k/0030");
        destination.put("k/0040/new", entry("k/0040/new", 1));
        source.put("k/0050", entry("k/0050", 2));

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        TreeMap<String, Entry> expected = new TreeMap<>(destination);
        expected.put("k/0050", entry("k/0050", 2));
        assertThat(outcome.conflicts()).isEmpty();
        assertThat(contents(outcome.tree())).isEqualTo(expected);
    }

    @Test
    void theSameChangeOnBothSidesIsNoConflict() {
        source.put("k/0010", entry("k/0010", 2));
        destination.put("k/0010", entry("k/0010", 2));

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).isEmpty();
        assertThat(outcome.tree().id()).isEqualTo(tree(destination).id());
    }

    @Test
    void theSameContentAtAnotherAddressOnBothSidesIsNoConflictAndKeepsTheDestinations() {
        Entry v2 = entry("k/0010", 2);
        Entry v2Elsewhere = new Entry("data/elsewhere", v2.size(), v2.etag(), v2.checksums(), v2.contentType(), v2.userMetadata(),
                v2.tags(), Instant.ofEpochMilli(5));
        source.put("k/0010", v2Elsewhere);
        destination.put("k/0010", v2);

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).isEmpty();
        assertThat(contents(outcome.tree()).get("k/0010")).isEqualTo(v2);
    }

    @Test
    void theSameDeletionOnBothSidesIsNoConflict() {
        source.remove("k/0010");
        destination.remove("k/0010");

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).isEmpty();
        assertThat(contents(outcome.tree())).doesNotContainKey("k/0010");
    }

    @Test
    void theSameAdditionOnBothSidesIsNoConflict() {
        source.put("k/new", entry("k/new", 1));
        destination.put("k/new", entry("k/new", 1));

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).isEmpty();
        assertThat(contents(outcome.tree())).containsEntry("k/new", entry("k/new", 1));
    }

    @Test
    void differentChangesOnBothSidesConflictWithAllThreeEntries() {
        source.put("k/0010", entry("k/0010", 2));
        destination.put("k/0010", entry("k/0010", 3));

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).containsExactly(
                new MergeConflict("k/0010", entry("k/0010", 1), entry("k/0010", 2), entry("k/0010", 3)));
    }

    @Test
    void sourceDeletionOfAKeyTheDestinationChangedConflicts() {
        source.remove("k/0010");
        destination.put("k/0010", entry("k/0010", 3));

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).containsExactly(new MergeConflict("k/0010", entry("k/0010", 1), null, entry("k/0010", 3)));
    }

    @Test
    void sourceChangeToAKeyTheDestinationDeletedConflicts() {
        source.put("k/0010", entry("k/0010", 2));
        destination.remove("k/0010");

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).containsExactly(new MergeConflict("k/0010", entry("k/0010", 1), entry("k/0010", 2), null));
    }

    @Test
    void differentAdditionsOfOneKeyConflictWithoutABase() {
        source.put("k/new", entry("k/new", 2));
        destination.put("k/new", entry("k/new", 3));

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).containsExactly(new MergeConflict("k/new", null, entry("k/new", 2), entry("k/new", 3)));
    }

    @Test
    void conflictsAreListedInKeyOrder() {
        for (String key : List.of("k/0090", "k/0005", "k/0050", "😀", "\uE000")) {
            source.put(key, entry(key, 2));
            destination.put(key, entry(key, 3));
        }

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.conflicts()).extracting(MergeConflict::path).containsExactly("k/0005", "k/0050", "k/0090", "\uE000", "😀");
    }

    @Test
    void conflictsWithoutAStrategyGiveNoTree() {
        source.put("k/0010", entry("k/0010", 2));
        destination.put("k/0010", entry("k/0010", 3));
        source.put("k/0020", entry("k/0020", 2));

        TreeMerger.Outcome outcome = merge(MergeStrategy.NONE);

        assertThat(outcome.tree()).isNull();
        assertThat(outcome.conflicts()).extracting(MergeConflict::path).containsExactly("k/0010");
    }

    @Test
    void sourceWinsTakesTheSourceSideOfEveryConflictAndStillListsThem() {
        source.put("k/0010", entry("k/0010", 2));
        destination.put("k/0010", entry("k/0010", 3));
        source.remove("k/0020");
        destination.put("k/0020", entry("k/0020", 3));
        source.put("k/0030", entry("k/0030", 2));
        destination.remove("k/0030");
        source.put("k/0040", entry("k/0040", 2)); // no conflict

        TreeMerger.Outcome outcome = merge(MergeStrategy.SOURCE_WINS);

        assertThat(outcome.conflicts()).extracting(MergeConflict::path).containsExactly("k/0010", "k/0020", "k/0030");
        TreeMap<String, Entry> expected = new TreeMap<>(base);
        expected.put("k/0010", entry("k/0010", 2));
        expected.remove("k/0020");
        expected.put("k/0030", entry("k/0030", 2));
        expected.put("k/0040", entry("k/0040", 2));
        assertThat(contents(outcome.tree())).isEqualTo(expected);
    }

    @Test
    void destWinsKeepsTheDestinationSideOfEveryConflictAndStillListsThem() {
        source.put("k/0010", entry("k/0010", 2));
        destination.put("k/0010", entry("k/0010", 3));
        source.remove("k/0020");
        destination.put("k/0020", entry("k/0020", 3));
        source.put("k/0030", entry("k/0030", 2));
        destination.remove("k/0030");
        source.put("k/0040", entry("k/0040", 2)); // no conflict

        TreeMerger.Outcome outcome = merge(MergeStrategy.DEST_WINS);

        assertThat(outcome.conflicts()).extracting(MergeConflict::path).containsExactly("k/0010", "k/0020", "k/0030");
        TreeMap<String, Entry> expected = new TreeMap<>(destination);
        expected.put("k/0040", entry("k/0040", 2));
        assertThat(contents(outcome.tree())).isEqualTo(expected);
    }

    @Test
    void anUnchangedSourceLeavesTheDestinationAsItIs() {
        destination.put("k/0010", entry("k/0010", 3));
        MetaRange destinationTree = tree(destination);

        TreeMerger.Outcome outcome = merger.merge(ns, tree(base), tree(source), destinationTree, MergeStrategy.NONE);

        assertThat(outcome.conflicts()).isEmpty();
        assertThat(outcome.tree().id()).isEqualTo(destinationTree.id());
    }

    @Test
    void mergingIntoAnUnchangedDestinationGivesTheSourceTree() {
        source.put("k/0010", entry("k/0010", 2));
        source.remove("k/0050");
        source.put("k/0077/new", entry("k/0077/new", 1));
        MetaRange sourceTree = tree(source);

        TreeMerger.Outcome outcome = merger.merge(ns, tree(base), sourceTree, tree(destination), MergeStrategy.NONE);

        assertThat(outcome.conflicts()).isEmpty();
        assertThat(outcome.tree().id()).isEqualTo(sourceTree.id());
    }

    @Test
    void mergingIntoAnEmptyBaseAndDestinationGivesTheSourceTree() {
        MetaRange sourceTree = tree(source);

        TreeMerger.Outcome outcome = merger.merge(ns, MetaRange.empty(), sourceTree, MetaRange.empty(), MergeStrategy.NONE);

        assertThat(outcome.conflicts()).isEmpty();
        assertThat(outcome.tree().id()).isEqualTo(sourceTree.id());
    }

    private TreeMerger.Outcome merge(MergeStrategy strategy) {
        return merger.merge(ns, tree(base), tree(source), tree(destination), strategy);
    }

    private MetaRange tree(TreeMap<String, Entry> entries) {
        return writer.write(ns, entries.entrySet().stream().map(e -> Change.put(e.getKey(), e.getValue())).iterator());
    }

    private TreeMap<String, Entry> contents(MetaRange tree) {
        TreeMap<String, Entry> out = new TreeMap<>(KeyOrder.COMPARATOR);
        for (TreeCursor c = new TreeCursor(store, ns, tree); c.valid(); c.advance()) {
            out.put(c.key(), c.entry());
        }
        return out;
    }

    private static TreeMap<String, Entry> with(Map<String, Entry> entries, String key, Entry entry) {
        TreeMap<String, Entry> out = new TreeMap<>(KeyOrder.COMPARATOR);
        out.putAll(entries);
        out.put(key, entry);
        return out;
    }
}
