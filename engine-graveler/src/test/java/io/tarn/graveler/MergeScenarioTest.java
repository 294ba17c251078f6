package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.DirtyBranchException;
import io.tarn.api.Entry;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MergeConflict;
import io.tarn.api.MergeConflictException;
import io.tarn.api.MergeRequest;
import io.tarn.api.MergeResult;
import io.tarn.api.MergeStrategy;
import io.tarn.api.TagName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Merge of a source ref into a destination branch (DESIGN §5): the per-key rule, conflicts and
 * strategies, fast-forward, squash, merge bases, and the refusals.
 */
@ExtendWith(TestRepositoryExtension.class)
class MergeScenarioTest {
    TestRepository repo;

    // The per-key rule: base B, source S, destination D

    @Test
    void aPathChangedTheSameWayOnBothSidesTakesThatValueWithoutConflict() {
        repo.commit("main").put("a", "base").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("a", "both").put("from-feature", "y").create();
        repo.commit("main").put("a", "both").put("other", "x").create();

        merge("feature", "main");

        assertThat(repo.contents("main@")).containsExactly(entry("a", "both"), entry("from-feature", "y"), entry("other", "x"));
    }

    @Test
    void aPathDeletedOnBothSidesStaysDeletedWithoutConflict() {
        repo.commit("main").put("a", "base").put("b", "base").create();
        repo.branch("feature", "main");
        repo.commit("feature").delete("a").put("from-feature", "y").create();
        repo.commit("main").delete("a").put("other", "x").create();

        merge("feature", "main");

        assertThat(repo.contents("main@")).containsExactly(entry("b", "base"), entry("from-feature", "y"), entry("other", "x"));
    }

    @Test
    void aPathChangedOnlyOnTheDestinationKeepsTheDestinationValue() {
        repo.commit("main").put("a", "base").put("d", "base").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("s", "from feature").create();
        repo.commit("main").put("a", "main's").delete("d").create();

        merge("feature", "main");

        assertThat(repo.contents("main@")).containsExactly(entry("a", "main's"), entry("s", "from feature"));
    }

    @Test
    void aPathChangedOnlyOnTheSourceTakesTheSourceValue() {
        repo.commit("main").put("changed", "base").put("deleted", "base").put("kept", "base").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("changed", "feature's").delete("deleted").put("added", "new").create();
        repo.commit("main").put("other", "x").create();

        merge("feature", "main");

        assertThat(repo.contents("main@")).containsExactly(entry("added", "new"), entry("changed", "feature's"),
                entry("kept", "base"), entry("other", "x"));
    }

    @Test
    void aPathAddedOnBothSidesWithTheSameContentIsNoConflict() {
        repo.commit("main").put("base", "b").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("new", "same bytes").put("from-feature", "y").create();
        repo.commit("main").put("new", "same bytes").put("other", "x").create();

        merge("feature", "main");

        assertThat(repo.contents("main@")).containsExactly(entry("base", "b"), entry("from-feature", "y"), entry("new", "same bytes"),
                entry("other", "x"));
    }

    @Test
    void aPathChangedDifferentlyOnBothSidesIsAConflictWithItsThreeValues() {
        Commit base = repo.commit("main").put("a", "base").create();
        repo.branch("feature", "main");
        Commit source = repo.commit("feature").put("a", "feature's").create();
        Commit dest = repo.commit("main").put("a", "main's").create();

        MergeConflictException e = mergeFails("feature", "main");

        assertThat(e.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("a");
            assertThat(c.base()).isEqualTo(stat(base, "a"));
            assertThat(c.source()).isEqualTo(stat(source, "a"));
            assertThat(c.destination()).isEqualTo(stat(dest, "a"));
        });
        assertThat(e).hasMessageContaining("'feature'").hasMessageContaining("'main'").hasMessageContaining("1 conflict");
    }

    @Test
    void aPathChangedOnTheSourceAndDeletedOnTheDestinationIsAConflict() {
        Commit base = repo.commit("main").put("a", "base").create();
        repo.branch("feature", "main");
        Commit source = repo.commit("feature").put("a", "feature's").create();
        repo.commit("main").delete("a").put("other", "x").create();

        MergeConflictException e = mergeFails("feature", "main");

        assertThat(e.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("a");
            assertThat(c.base()).isEqualTo(stat(base, "a"));
            assertThat(c.source()).isEqualTo(stat(source, "a"));
            assertThat(c.destination()).isNull();
        });
    }

    @Test
    void aPathDeletedOnTheSourceAndChangedOnTheDestinationIsAConflict() {
        Commit base = repo.commit("main").put("a", "base").create();
        repo.branch("feature", "main");
        repo.commit("feature").delete("a").put("other", "x").create();
        Commit dest = repo.commit("main").put("a", "main's").create();

        MergeConflictException e = mergeFails("feature", "main");

        assertThat(e.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("a");
            assertThat(c.base()).isEqualTo(stat(base, "a"));
            assertThat(c.source()).isNull();
            assertThat(c.destination()).isEqualTo(stat(dest, "a"));
        });
    }

    @Test
    void aPathAddedOnBothSidesWithDifferentContentIsAConflictWithoutBase() {
        repo.commit("main").put("base", "b").create();
        repo.branch("feature", "main");
        Commit source = repo.commit("feature").put("new", "feature's").create();
        Commit dest = repo.commit("main").put("new", "main's").create();

        MergeConflictException e = mergeFails("feature", "main");

        assertThat(e.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("new");
            assertThat(c.base()).isNull();
            assertThat(c.source()).isEqualTo(stat(source, "new"));
            assertThat(c.destination()).isEqualTo(stat(dest, "new"));
        });
    }

    @ParameterizedTest(name = "strategy {0}")
    @EnumSource(MergeStrategy.class)
    void theRuleHoldsForEveryKeyOfATreeSpanningManyRanges(MergeStrategy strategy) {
        // Each key gets a random base (absent or "b") and a random change on each side: none, the
        // same bytes written again (no change by identity), deleted, changed to a side's own value,
        // or changed to "x" on both sides alike. The expected tree follows DESIGN §5 key by key.
        Random random = new Random(20240607L + strategy.ordinal());
        Map<String, String> base = new TreeMap<>();
        Map<String, String> source = new TreeMap<>();
        Map<String, String> dest = new TreeMap<>();
        TestRepository.CommitBuilder baseCommit = repo.commit("main").put("anchor", "keeps every commit non-empty");
        TestRepository.CommitBuilder sourceCommit = repo.commit("feature").put("source-anchor", "s");
        TestRepository.CommitBuilder destCommit = repo.commit("main").put("dest-anchor", "d");
        for (int i = 0; i < 150; i++) {
            String key = key(i);
            String b = random.nextBoolean() ? "b" + i : null;
            if (b != null) {
                baseCommit.put(key, b);
            }
            base.put(key, b);
            source.put(key, change(random, key, b, "s" + i, sourceCommit));
            dest.put(key, change(random, key, b, "d" + i, destCommit));
        }
        Commit baseId = baseCommit.create();
        repo.branch("feature", "main");
        Commit sourceId = sourceCommit.create();
        Commit destId = destCommit.create();

        Map<String, String> expected = new TreeMap<>(
                Map.of("anchor", "keeps every commit non-empty", "source-anchor", "s", "dest-anchor", "d"));
        List<String> conflicts = new ArrayList<>();
        for (String key : base.keySet()) {
            String b = base.get(key);
            String s = source.get(key);
            String d = dest.get(key);
            String merged;
            if (Objects.equals(s, d)) {
                merged = s;
            } else if (Objects.equals(s, b)) {
                merged = d;
            } else if (Objects.equals(d, b)) {
                merged = s;
            } else {
                conflicts.add(key);
                merged = strategy == MergeStrategy.DEST_WINS ? d : s;
            }
            if (merged != null) {
                expected.put(key, merged);
            }
        }
        assertThat(conflicts).as("conflicts the random history has").hasSizeGreaterThan(10);

        if (strategy == MergeStrategy.NONE) {
            MergeConflictException e = mergeFails("feature", "main");
            assertThat(e.conflicts()).extracting(MergeConflict::path).containsExactlyElementsOf(conflicts);
            assertThat(e.conflicts()).allSatisfy(c -> {
                assertThat(c.base()).isEqualTo(statOrNull(baseId, c.path()));
                assertThat(c.source()).isEqualTo(statOrNull(sourceId, c.path()));
                assertThat(c.destination()).isEqualTo(statOrNull(destId, c.path()));
            });
            assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(destId.id());
        } else {
            repo.engine.merge(NAME, "feature", MAIN, MergeRequest.by("tester").withStrategy(strategy));
            assertThat(repo.contents("main@")).isEqualTo(expected);
        }
    }

    /** Picks a side's value for a key and stages it in the builder; returns the content, null when absent. */
    private static String change(Random random, String key, String base, String own, TestRepository.CommitBuilder side) {
        switch (random.nextInt(5)) {
            case 0:
                return base;
            case 1:
                if (base != null) {
                    side.put(key, base); // the same bytes again: a new address, the same identity
                }
                return base;
            case 2:
                side.delete(key);
                return null;
            case 3:
                side.put(key, own);
                return own;
            default:
                side.put(key, "x");
                return "x";
        }
    }

    // Failed merges

    @Test
    void aFailedMergeReportsEveryConflictAcrossRangesAndLeavesTheDestinationUnchanged() {
        TestRepository.CommitBuilder initial = repo.commit("main");
        for (int i = 0; i < 120; i++) {
            initial.put(key(i), "base " + i);
        }
        Commit base = initial.create();
        repo.branch("feature", "main");
        Commit source = repo.commit("feature")
                .put(key(3), "feature 3").put(key(41), "feature 41").delete(key(77)).put(key(119), "feature 119")
                .put(key(60), "clean feature change").put("zz-added", "feature's")
                .create();
        Commit dest = repo.commit("main")
                .put(key(3), "main 3").delete(key(41)).put(key(77), "main 77").put(key(119), "main 119")
                .put(key(90), "clean main change").put("zz-added", "main's")
                .create();
        Map<String, String> before = repo.contents("main");

        MergeConflictException e = mergeFails("feature", "main");

        assertThat(e.conflicts()).extracting(MergeConflict::path)
                .containsExactly(key(3), key(41), key(77), key(119), "zz-added");
        assertThat(e.conflicts()).allSatisfy(c -> {
            assertThat(c.base()).isEqualTo(statOrNull(base, c.path()));
            assertThat(c.source()).isEqualTo(statOrNull(source, c.path()));
            assertThat(c.destination()).isEqualTo(statOrNull(dest, c.path()));
        });
        assertThat(e).hasMessageContaining("5 conflicts");
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(dest.id());
        assertThat(repo.contents("main")).isEqualTo(before);
    }

    // Strategies

    @Test
    void sourceWinsTakesTheSourceValueOfEveryConflictIncludingDeletions() {
        repo.commit("main").put("changed", "base").put("deleted-on-source", "base").put("deleted-on-dest", "base").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("changed", "feature's").delete("deleted-on-source").put("deleted-on-dest", "feature's")
                .put("added", "feature's").put("clean", "feature's").create();
        repo.commit("main").put("changed", "main's").put("deleted-on-source", "main's").delete("deleted-on-dest")
                .put("added", "main's").put("main-only", "main's").create();

        MergeResult result = repo.engine.merge(NAME, "feature", MAIN, MergeRequest.by("tester").withStrategy(MergeStrategy.SOURCE_WINS));

        assertThat(result.fastForwarded()).isFalse();
        assertThat(repo.contents("main@")).containsExactly(entry("added", "feature's"), entry("changed", "feature's"),
                entry("clean", "feature's"), entry("deleted-on-dest", "feature's"), entry("main-only", "main's"));
    }

    @Test
    void destWinsKeepsTheDestinationValueOfEveryConflictAndStillTakesCleanSourceChanges() {
        repo.commit("main").put("changed", "base").put("deleted-on-source", "base").put("deleted-on-dest", "base").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("changed", "feature's").delete("deleted-on-source").put("deleted-on-dest", "feature's")
                .put("added", "feature's").put("clean", "feature's").create();
        repo.commit("main").put("changed", "main's").put("deleted-on-source", "main's").delete("deleted-on-dest")
                .put("added", "main's").put("main-only", "main's").create();

        repo.engine.merge(NAME, "feature", MAIN, MergeRequest.by("tester").withStrategy(MergeStrategy.DEST_WINS));

        assertThat(repo.contents("main@")).containsExactly(entry("added", "main's"), entry("changed", "main's"),
                entry("clean", "feature's"), entry("deleted-on-source", "main's"), entry("main-only", "main's"));
    }

    // Fast-forward and merge commits

    @Test
    void mergingIntoABranchThatIsTheMergeBaseFastForwardsToTheSourceCommit() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit tip = repo.commit("feature").put("b", "2").create();

        MergeResult result = merge("feature", "main");

        assertThat(result.fastForwarded()).isTrue();
        assertThat(result.head()).isEqualTo(tip.id());
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(tip.id());
        assertThat(repo.contents("main@")).containsExactly(entry("a", "1"), entry("b", "2"));
    }

    @Test
    void forcingAMergeCommitWhereAFastForwardIsPossibleWritesATwoParentCommitWithTheSourceTree() {
        Commit base = repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit tip = repo.commit("feature").put("b", "2").create();

        MergeResult result = repo.engine.merge(NAME, "feature", MAIN,
                new MergeRequest(MergeStrategy.NONE, "forced", "tester", Map.of(), true, false, false));

        assertThat(result.fastForwarded()).isFalse();
        Commit merge = repo.engine.getCommit(NAME, result.head());
        assertThat(merge.parents()).containsExactly(base.id(), tip.id());
        assertThat(merge.message()).isEqualTo("forced");
        assertThat(merge.metaRangeId()).isEqualTo(tip.metaRangeId());
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(merge.id());
    }

    @Test
    void aMergeOfDivergedBranchesWritesATwoParentCommitWithTheDefaultMessage() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit source = repo.commit("feature").put("b", "2").create();
        Commit dest = repo.commit("main").put("c", "3").create();

        MergeResult result = merge("feature", "main");

        Commit merge = repo.engine.getCommit(NAME, result.head());
        assertThat(result.fastForwarded()).isFalse();
        assertThat(merge.parents()).containsExactly(dest.id(), source.id());
        assertThat(merge.message()).contains("'feature'").contains("'main'");
        assertThat(merge.committer()).isEqualTo("tester");
        assertThat(repo.contents(merge.id().value())).containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "3"));
    }

    @Test
    void aSquashMergeWritesOneSingleParentCommitWithTheMergedTree() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("b", "2").create();
        repo.commit("feature").put("a", "one").create();
        Commit dest = repo.commit("main").put("c", "3").create();

        MergeResult result = repo.engine.merge(NAME, "feature", MAIN,
                new MergeRequest(MergeStrategy.NONE, "squashed", "tester", Map.of(), false, true, false));

        Commit squash = repo.engine.getCommit(NAME, result.head());
        assertThat(result.fastForwarded()).isFalse();
        assertThat(squash.parents()).containsExactly(dest.id());
        assertThat(squash.generation()).isEqualTo(dest.generation() + 1);
        assertThat(repo.contents("main@")).containsExactly(entry("a", "one"), entry("b", "2"), entry("c", "3"));
    }

    @Test
    void aSquashMergeWhereAFastForwardIsPossibleStillWritesOneNewCommitWithTheSourceTree() {
        Commit base = repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("b", "2").create();
        Commit tip = repo.commit("feature").put("c", "3").create();

        MergeResult result = repo.engine.merge(NAME, "feature", MAIN,
                new MergeRequest(MergeStrategy.NONE, "", "tester", Map.of(), false, true, false));

        Commit squash = repo.engine.getCommit(NAME, result.head());
        assertThat(result.fastForwarded()).isFalse();
        assertThat(squash.parents()).containsExactly(base.id());
        assertThat(squash.metaRangeId()).isEqualTo(tip.metaRangeId());
    }

    @Test
    void aMergeCommitsGenerationIsOneMoreThanItsDeepestParent() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("f1", "1").create();
        repo.commit("feature").put("f2", "2").create();
        Commit deepSource = repo.commit("feature").put("f3", "3").create();
        Commit shallowDest = repo.commit("main").put("m", "1").create();
        assertThat(deepSource.generation()).isGreaterThan(shallowDest.generation());

        Commit merge = repo.engine.getCommit(NAME, merge("feature", "main").head());

        assertThat(merge.generation()).isEqualTo(deepSource.generation() + 1);
    }

    // Refusals

    @Test
    void mergingIntoABranchWithStagedChangesIsRefusedNamingTheBranch() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("b", "2").create();
        CommitId head = repo.engine.getBranch(NAME, MAIN).head();
        repo.put("main", "unrelated", "staged");

        DirtyBranchException e = catchThrowableOfType(DirtyBranchException.class,
                () -> repo.engine.merge(NAME, "feature", MAIN, MergeRequest.by("tester")));

        assertThat(e.branch()).isEqualTo("main");
        assertThat(e).hasMessageContaining("'main'").hasMessageContaining("uncommitted changes");
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(head);
        assertThat(repo.read("main", "unrelated")).isEqualTo("staged");
    }

    @Test
    void mergingASourceThatIsAlreadyMergedIsRefusedNamingTheSource() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("b", "2").create();
        repo.commit("main").put("c", "3").create();
        CommitId merged = merge("feature", "main").head();

        assertThatThrownBy(() -> merge("feature", "main"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'feature'");
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(merged);
    }

    @Test
    void aMergeWhoseSourceChangesTheDestinationAlreadyHasIsRefusedAsEmpty() {
        repo.commit("main").put("a", "base").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("a", "both").create();
        CommitId head = repo.commit("main").put("a", "both").create().id();

        assertThatThrownBy(() -> merge("feature", "main"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'feature'").hasMessageContaining("no changes");
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(head);
    }

    @Test
    void mergingASourceThatIsAlreadyMergedWritesAnEmptyMergeCommitWhenAllowed() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit source = repo.commit("feature").put("b", "2").create();
        repo.commit("main").put("c", "3").create();
        Commit first = repo.engine.getCommit(NAME, merge("feature", "main").head());

        MergeResult again = repo.engine.merge(NAME, "feature", MAIN,
                new MergeRequest(MergeStrategy.NONE, "", "tester", Map.of(), false, false, true));

        Commit empty = repo.engine.getCommit(NAME, again.head());
        assertThat(again.fastForwarded()).isFalse();
        assertThat(empty.parents()).containsExactly(first.id(), source.id());
        assertThat(empty.metaRangeId()).isEqualTo(first.metaRangeId());
    }

    @Test
    void mergingABranchIntoItsOwnFastForwardedCopyIsRefused() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("b", "2").create();
        merge("feature", "main");

        assertThatThrownBy(() -> merge("feature", "main"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'feature'");
    }

    // Merge bases and sources

    @Test
    void theMergeBaseOfTwoBranchesIsWhereTheyForked() {
        repo.commit("main").put("a", "1").create();
        Commit fork = repo.commit("main").put("a", "2").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("b", "1").create();
        repo.commit("main").put("c", "1").create();
        repo.commit("main").put("c", "2").create();

        assertThat(repo.engine.mergeBase(NAME, "main", "feature")).isEqualTo(fork.id());
        assertThat(repo.engine.mergeBase(NAME, "feature", "main")).isEqualTo(fork.id());
        assertThat(repo.engine.mergeBase(NAME, "main", "main~1")).isEqualTo(repo.engine.resolve(NAME, "main~1"));
    }

    @Test
    void theMergeBaseAfterAMergeIsTheMergedSourceCommit() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit merged = repo.commit("feature").put("b", "1").create();
        repo.commit("main").put("c", "1").create();
        merge("feature", "main");
        repo.commit("feature").put("b", "2").create();

        assertThat(repo.engine.mergeBase(NAME, "main", "feature")).isEqualTo(merged.id());
        merge("feature", "main");
        assertThat(repo.contents("main@")).containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "1"));
    }

    @Test
    void aCrissCrossHistoryHasOneOfItsTwoBestCommonAncestorsAsMergeBaseAndMergesCleanly() {
        repo.commit("main").put("shared", "0").create();
        repo.branch("left", "main");
        repo.branch("right", "main");
        Commit x = repo.commit("left").put("x", "left's").create();
        Commit y = repo.commit("right").put("y", "right's").create();
        MergeRequest force = new MergeRequest(MergeStrategy.NONE, "", "tester", Map.of(), true, false, false);
        // Criss-cross: each side merges the other's tip as it was before either merge.
        repo.engine.merge(NAME, y.id().value(), new BranchName("left"), force);
        repo.engine.merge(NAME, x.id().value(), new BranchName("right"), force);

        assertThat(repo.engine.mergeBase(NAME, "left", "right")).isIn(x.id(), y.id());

        repo.commit("left").put("p", "left again").create();
        repo.commit("right").put("q", "right again").put("shared", "1").create();
        merge("right", "left");
        assertThat(repo.contents("left@")).containsExactly(entry("p", "left again"), entry("q", "right again"),
                entry("shared", "1"), entry("x", "left's"), entry("y", "right's"));
    }

    @Test
    void aTagCanBeMergedAsTheSource() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("b", "2").create();
        repo.engine.createTag(NAME, new TagName("v1"), "feature");
        repo.commit("feature").put("after-tag", "x").create();
        repo.commit("main").put("c", "3").create();

        Commit merge = repo.engine.getCommit(NAME, merge("v1", "main").head());

        assertThat(merge.parents()).element(1).isEqualTo(repo.engine.getTag(NAME, new TagName("v1")).commit());
        assertThat(merge.message()).contains("'v1'");
        assertThat(repo.contents("main@")).containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "3"));
    }

    @Test
    void aCommitIdOrItsPrefixCanBeMergedAsTheSource() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit first = repo.commit("feature").put("b", "2").create();
        Commit second = repo.commit("feature").put("b", "3").create();
        repo.commit("main").put("c", "3").create();

        merge(first.id().value(), "main");
        assertThat(repo.read("main@", "b")).isEqualTo("2");

        merge(second.id().value().substring(0, 10), "main");
        assertThat(repo.read("main@", "b")).isEqualTo("3");
        assertThat(repo.engine.getCommit(NAME, repo.engine.getBranch(NAME, MAIN).head()).parents()).element(1).isEqualTo(second.id());
    }

    // Helpers

    private MergeResult merge(String source, String destination) {
        return repo.engine.merge(NAME, source, new BranchName(destination), MergeRequest.by("tester"));
    }

    private MergeConflictException mergeFails(String source, String destination) {
        return catchThrowableOfType(MergeConflictException.class, () -> merge(source, destination));
    }

    private Entry stat(Commit commit, String path) {
        return repo.engine.statObject(NAME, commit.id().value(), path);
    }

    private Entry statOrNull(Commit commit, String path) {
        return repo.read(commit.id().value(), path) == null ? null : stat(commit, path);
    }

    private static String key(int i) {
        return String.format("data/part-%03d", i);
    }
}
