package io.tarn.properties.laws;

import static io.tarn.properties.laws.Laws.agree;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.api.BranchName;
import io.tarn.api.Entry;
import io.tarn.api.ResetScope;
import io.tarn.properties.EngineRepository;
import io.tarn.properties.EngineUnderTest;
import io.tarn.properties.Generators;
import io.tarn.properties.PropertyRunner;
import io.tarn.properties.Sides;
import io.tarn.properties.model.MergeRule.Strategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Laws of the committed layout: trees are content-addressed (the same entries give the same
 * metarange, whatever the order, batches and staging history that led to them), and results do not
 * depend on where ranges split.
 */
class LayoutLawsTest {
    static final int TRIES = 10;

    @TempDir
    Path dir;

    /** A tree and a seed for the shuffling of the second way to build it. */
    record Tree(SortedMap<String, String> entries, long historySeed) {
        List<Tree> shrink() {
            List<Tree> out = new ArrayList<>();
            for (String p : entries.keySet()) {
                SortedMap<String, String> smaller = new TreeMap<>(entries);
                smaller.remove(p);
                out.add(new Tree(smaller, historySeed));
            }
            return out;
        }
    }

    @Test
    void theSameEntriesGiveTheSameMetaRangeWhateverTheWriteOrderBatchesAndStagingHistory() {
        try (EngineUnderTest engine = new EngineUnderTest(dir, EngineUnderTest.TINY_RANGES)) {
            PropertyRunner<Tree> law = new PropertyRunner<>("canonical content addressing", random -> {
                SortedMap<String, String> entries = new TreeMap<>();
                for (String p : Generators.universe(random, 1, Generators.PATHS.size())) {
                    entries.put(p, Generators.pick(random, Generators.VALUES));
                }
                return new Tree(entries, random.nextLong());
            }, Tree::shrink, Tree::toString, tree -> {
                EngineRepository repo = engine.newRepository();
                Map<String, Entry> written = new TreeMap<>();
                tree.entries().forEach((p, v) -> written.put(p, repo.put("main", p, v)));
                repo.commit("main");
                repo.createBranch("straight", "main~1");
                repo.createBranch("winding", "main~1");
                written.forEach((p, e) -> repo.stage("straight", p, e));
                repo.commit("straight");
                buildWinding(repo, written, new Random(tree.historySeed()));
                String expected = repo.getCommit(repo.resolve("main")).metaRangeId();
                agree("metarange of the same entries staged in order", expected, repo.getCommit(repo.resolve("straight")).metaRangeId());
                agree("metarange of the same entries after a winding history", expected,
                        repo.getCommit(repo.resolve("winding")).metaRangeId());
            });
            law.run(TRIES);
        }
    }

    /** Stages the entries shuffled, in random batches (some bulk), between commits, with detours that are undone. */
    private static void buildWinding(EngineRepository repo, Map<String, Entry> entries, Random random) {
        List<String> paths = new ArrayList<>(entries.keySet());
        Collections.shuffle(paths, random);
        Entry detour = entries.values().iterator().next();
        int i = 0;
        while (i < paths.size()) {
            int batch = 1 + random.nextInt(4);
            Map<String, Entry> bulk = new LinkedHashMap<>();
            for (String p : paths.subList(i, Math.min(paths.size(), i + batch))) {
                bulk.put(p, entries.get(p));
            }
            i += batch;
            if (random.nextBoolean()) {
                repo.engine().stageObjects(repo.name(), new BranchName("winding"), bulk);
            } else {
                bulk.forEach((p, e) -> repo.stage("winding", p, e));
            }
            switch (random.nextInt(4)) {
                case 0 -> {
                    repo.stage("winding", "detour/" + i, detour);
                    repo.delete("winding", "detour/" + i);
                }
                case 1 -> {
                    repo.stage("winding", "staged-then-reset", detour);
                    repo.reset("winding", new ResetScope.Path("staged-then-reset"));
                }
                case 2 -> {
                    repo.stage("winding", "committed-then-deleted", detour);
                    repo.commit("winding");
                    repo.delete("winding", "committed-then-deleted");
                }
                default -> {
                }
            }
            if (random.nextInt(3) == 0) {
                Sides.commitIfChanged(repo, "winding");
            }
        }
        Sides.commitIfChanged(repo, "winding");
    }

    @Test
    void mergesAndDiffsAreTheSameWithTinyRangesAsWithOneRange() {
        AtomicLong tinyFiles = new AtomicLong();
        AtomicLong oneRangeFiles = new AtomicLong();
        try (EngineUnderTest tiny = new EngineUnderTest(dir.resolve("tiny"), EngineUnderTest.TINY_RANGES);
                EngineUnderTest oneRange = new EngineUnderTest(dir.resolve("one"), EngineUnderTest.ONE_RANGE)) {
            new PropertyRunner<>("range-layout invariance", Sides.generator(0.6), Sides::shrink, Sides::toString, sides -> {
                EngineRepository a = tiny.newRepository();
                EngineRepository b = oneRange.newRepository();
                sides.build(a);
                sides.build(b);
                agree("diff source..dest", a.diff("source", "dest", false, 3), b.diff("source", "dest", false, 3));
                agree("diff source...dest", a.diff("source", "dest", true, 3), b.diff("source", "dest", true, 3));
                for (Strategy strategy : Strategy.values()) {
                    agree("merge with " + strategy, Sides.merge(a, "source", "dest", "into", strategy),
                            Sides.merge(b, "source", "dest", "into", strategy));
                    a.engine().deleteBranch(a.name(), new BranchName("into"));
                    b.engine().deleteBranch(b.name(), new BranchName("into"));
                }
                tinyFiles.addAndGet(tiny.rangeFiles(a.name()));
                oneRangeFiles.addAndGet(oneRange.rangeFiles(b.name()));
            }).run(TRIES);
        }
        assertThat(tinyFiles.get()).as("tiny ranges really split the trees").isGreaterThan(oneRangeFiles.get());
    }
}
