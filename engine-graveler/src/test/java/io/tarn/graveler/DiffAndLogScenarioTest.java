package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.DiffEntry;
import io.tarn.api.DiffRequest;
import io.tarn.api.Entry;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.LogRequest;
import io.tarn.api.MergeRequest;
import io.tarn.api.ObjectWrite;
import io.tarn.api.Page;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestRepositoryExtension.class)
class DiffAndLogScenarioTest {
    TestRepository repo;

    // Two-dot diff

    @Test
    void twoDotDiffReportsAddedRemovedAndChangedPathsWithBothSides() {
        Commit left = repo.commit("main").put("a", "same").put("b", "old").put("c", "gone").create();
        Entry oldB = repo.engine.statObject(NAME, "main", "b");
        Entry goneC = repo.engine.statObject(NAME, "main", "c");
        Commit right = repo.commit("main").put("b", "new").delete("c").put("d", "added").create();
        Entry newB = repo.engine.statObject(NAME, "main", "b");
        Entry addedD = repo.engine.statObject(NAME, "main", "d");

        Page<DiffEntry> diff = repo.engine.diff(NAME, left.id().value(), right.id().value(), DiffRequest.twoDot(100));

        assertThat(diff.items()).containsExactly(
                new DiffEntry("b", DiffEntry.Type.CHANGED, oldB, newB),
                new DiffEntry("c", DiffEntry.Type.REMOVED, goneC, null),
                new DiffEntry("d", DiffEntry.Type.ADDED, null, addedD));
        assertThat(diff.hasMore()).isFalse();
        assertThat(diff.nextAfter()).isNull();
    }

    @Test
    void twoDotDiffIsDirected() {
        Commit left = repo.commit("main").put("a", "1").create();
        Commit right = repo.commit("main").put("b", "2").create();

        assertThat(repo.engine.diff(NAME, right.id().value(), left.id().value(), DiffRequest.twoDot(10)).items())
                .extracting(DiffEntry::path, DiffEntry::type)
                .containsExactly(tuple("b", DiffEntry.Type.REMOVED));
    }

    @Test
    void aRefAgainstItselfHasNoDifferences() {
        repo.commit("main").put("a", "1").put("b", "2").create();

        assertThat(repo.engine.diff(NAME, "main", "main", DiffRequest.twoDot(10)).items()).isEmpty();
    }

    @Test
    void diffComparesCommittedDataOnlyEvenForBranches() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("b", "2").create();
        repo.put("feature", "staged", "not part of the diff");

        assertThat(repo.engine.diff(NAME, "main", "feature", DiffRequest.twoDot(10)).items())
                .extracting(DiffEntry::path).containsExactly("b");
    }

    @Test
    void rewritingIdenticalContentAndMetadataIsNoChange() {
        Commit first = repo.commit("main").put("a", "1").put("b", "2").create();

        repo.put("main", "a", "1");

        assertThat(repo.engine.diffUncommitted(NAME, MAIN, DiffRequest.twoDot(10)).items()).isEmpty();
        repo.put("main", "b", "changed");
        Commit second = repo.commit("main", "rewrite a, change b");
        assertThat(repo.engine.diff(NAME, first.id().value(), second.id().value(), DiffRequest.twoDot(10)).items())
                .extracting(DiffEntry::path, DiffEntry::type)
                .containsExactly(tuple("b", DiffEntry.Type.CHANGED));
    }

    @Test
    void aCommitOfOnlyIdenticalRewritesIsRefusedAsEmptyAndKeepsTheTree() {
        Commit first = repo.commit("main").put("a", "1").put("b", "2").create();
        repo.put("main", "a", "1");

        assertThatThrownBy(() -> repo.commit("main", "nothing really changed"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'main'");
        assertThat(repo.engine.resolve(NAME, "main")).isEqualTo(first.id());
    }

    @Test
    void sameBytesWithDifferentMetadataIsAChange() {
        Commit first = repo.commit("main").put("a", "1").create();

        byte[] bytes = "1".getBytes(StandardCharsets.UTF_8);
        repo.engine.writeObject(NAME, MAIN, "a", new ByteArrayInputStream(bytes), bytes.length,
                new ObjectWrite("text/plain", Map.of("owner", "ana"), Map.of(), Set.of()));
        Commit second = repo.commit("main", "metadata only");

        assertThat(repo.engine.diff(NAME, first.id().value(), second.id().value(), DiffRequest.twoDot(10)).items())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.type()).isEqualTo(DiffEntry.Type.CHANGED);
                    assertThat(d.left().etag()).isEqualTo(d.right().etag());
                    assertThat(d.left().userMetadata()).isEmpty();
                    assertThat(d.right().userMetadata()).containsEntry("owner", "ana");
                });
    }

    // Three-dot diff

    @Test
    void threeDotDiffShowsOnlyTheRightSidesChangesSinceTheMergeBase() {
        repo.commit("main").put("shared", "base").put("both", "base").put("main-deletes", "base").create();
        repo.branch("feature", "main");
        repo.commit("main").put("shared", "main").put("main-only", "m").delete("main-deletes").create();
        repo.commit("feature").put("feature-only", "f").put("both", "feature").create();

        List<DiffEntry> threeDot = repo.engine.diff(NAME, "main", "feature", new DiffRequest(true, "", "", 100)).items();
        List<DiffEntry> twoDot = repo.engine.diff(NAME, "main", "feature", DiffRequest.twoDot(100)).items();

        assertThat(threeDot).extracting(DiffEntry::path, DiffEntry::type).containsExactly(
                tuple("both", DiffEntry.Type.CHANGED),
                tuple("feature-only", DiffEntry.Type.ADDED));
        assertThat(twoDot).extracting(DiffEntry::path, DiffEntry::type).containsExactly(
                tuple("both", DiffEntry.Type.CHANGED),
                tuple("feature-only", DiffEntry.Type.ADDED),
                tuple("main-deletes", DiffEntry.Type.ADDED),
                tuple("main-only", DiffEntry.Type.REMOVED),
                tuple("shared", DiffEntry.Type.CHANGED));
    }

    @Test
    void threeDotDiffComparesWithTheMergeBaseEntries() {
        repo.commit("main").put("both", "base").create();
        Entry atBase = repo.engine.statObject(NAME, "main", "both");
        repo.branch("feature", "main");
        repo.commit("main").put("both", "main").create();
        repo.commit("feature").put("both", "feature").create();
        Entry onFeature = repo.engine.statObject(NAME, "feature", "both");

        assertThat(repo.engine.diff(NAME, "main", "feature", new DiffRequest(true, "", "", 10)).items())
                .containsExactly(new DiffEntry("both", DiffEntry.Type.CHANGED, atBase, onFeature));
    }

    @Test
    void threeDotDiffOfAnAlreadyMergedBranchIsEmpty() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("f", "1").create();
        repo.engine.merge(NAME, "feature", MAIN, MergeRequest.by("tester"));
        repo.commit("main").put("m", "1").create();

        assertThat(repo.engine.diff(NAME, "main", "feature", new DiffRequest(true, "", "", 10)).items()).isEmpty();
    }

    // Paging and prefix

    @Test
    void diffIsPagedWithAmountAndAfter() {
        Commit left = repo.commit("main").put("keep", "k").create();
        TestRepository.CommitBuilder builder = repo.commit("main");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String path = String.format("dir%d/file-%02d", i % 2, i);
            builder.put(path, "v" + i);
            expected.add(path);
        }
        Commit right = builder.create();
        expected.sort(null);

        List<String> seen = new ArrayList<>();
        String after = "";
        int pages = 0;
        while (true) {
            Page<DiffEntry> page = repo.engine.diff(NAME, left.id().value(), right.id().value(), new DiffRequest(false, "", after, 7));
            pages++;
            page.items().forEach(d -> seen.add(d.path()));
            if (!page.hasMore()) {
                assertThat(page.nextAfter()).isNull();
                break;
            }
            assertThat(page.items()).hasSize(7);
            assertThat(page.nextAfter()).isEqualTo(page.items().get(6).path());
            after = page.nextAfter();
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void aDiffPageThatEndsExactlyAtTheAmountHasNoMore() {
        Commit left = repo.commit("main").put("a", "1").create();
        Commit right = repo.commit("main").put("b", "2").put("c", "3").create();

        Page<DiffEntry> page = repo.engine.diff(NAME, left.id().value(), right.id().value(), DiffRequest.twoDot(2));

        assertThat(page.items()).extracting(DiffEntry::path).containsExactly("b", "c");
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void diffWithAPrefixReportsOnlyPathsUnderIt() {
        Commit left = repo.commit("main").put("dir/a", "1").put("dirt", "1").put("other", "1").create();
        Commit right = repo.commit("main").put("dir/a", "2").put("dir/b", "2").put("dirt", "2").put("other", "2")
                .put("a-before", "2").create();

        assertThat(repo.engine.diff(NAME, left.id().value(), right.id().value(), new DiffRequest(false, "dir/", "", 10)).items())
                .extracting(DiffEntry::path).containsExactly("dir/a", "dir/b");
        assertThat(repo.engine.diff(NAME, left.id().value(), right.id().value(), new DiffRequest(false, "dir/", "dir/a", 10)).items())
                .extracting(DiffEntry::path).containsExactly("dir/b");
        assertThat(repo.engine.diff(NAME, left.id().value(), right.id().value(), new DiffRequest(false, "dir", "", 10)).items())
                .extracting(DiffEntry::path).containsExactly("dir/a", "dir/b", "dirt");
    }

    @Test
    void diffAcrossManyRangesFindsEachChangeAndNothingElse() {
        TestRepository.CommitBuilder builder = repo.commit("main");
        for (int i = 0; i < 48; i++) {
            builder.put(String.format("f%03d", i), "v" + i);
        }
        Commit left = builder.create();
        Commit right = repo.commit("main").put("f007", "changed").delete("f030").put("f0305", "new").put("f047", "changed").create();
        assertThat(repo.rangeCount(left.id().value())).isGreaterThanOrEqualTo(4);

        assertThat(repo.engine.diff(NAME, left.id().value(), right.id().value(), DiffRequest.twoDot(100)).items())
                .extracting(DiffEntry::path, DiffEntry::type).containsExactly(
                        tuple("f007", DiffEntry.Type.CHANGED),
                        tuple("f030", DiffEntry.Type.REMOVED),
                        tuple("f0305", DiffEntry.Type.ADDED),
                        tuple("f047", DiffEntry.Type.CHANGED));
    }

    // Uncommitted diff

    @Test
    void diffUncommittedReportsTheStagedChangesAgainstTheHead() {
        repo.commit("main").put("a", "1").put("b", "2").put("c", "3").create();
        Entry oldA = repo.engine.statObject(NAME, "main", "a");
        Entry oldB = repo.engine.statObject(NAME, "main", "b");
        Entry newA = repo.put("main", "a", "changed");
        repo.delete("main", "b");
        Entry addedD = repo.put("main", "d", "4");
        repo.put("main", "c", "3");
        repo.delete("main", "never-existed");

        assertThat(repo.engine.diffUncommitted(NAME, MAIN, DiffRequest.twoDot(10)).items()).containsExactly(
                new DiffEntry("a", DiffEntry.Type.CHANGED, oldA, newA),
                new DiffEntry("b", DiffEntry.Type.REMOVED, oldB, null),
                new DiffEntry("d", DiffEntry.Type.ADDED, null, addedD));
    }

    @Test
    void diffUncommittedIsPagedAndFilteredByPrefix() {
        for (int i = 0; i < 10; i++) {
            repo.put("main", "dir/f" + i, "v" + i);
        }
        repo.put("main", "other", "x");

        Page<DiffEntry> first = repo.engine.diffUncommitted(NAME, MAIN, new DiffRequest(false, "dir/", "", 4));
        Page<DiffEntry> second = repo.engine.diffUncommitted(NAME, MAIN, new DiffRequest(false, "dir/", first.nextAfter(), 4));
        Page<DiffEntry> third = repo.engine.diffUncommitted(NAME, MAIN, new DiffRequest(false, "dir/", second.nextAfter(), 4));

        assertThat(first.items()).extracting(DiffEntry::path).containsExactly("dir/f0", "dir/f1", "dir/f2", "dir/f3");
        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextAfter()).isEqualTo("dir/f3");
        assertThat(second.items()).extracting(DiffEntry::path).containsExactly("dir/f4", "dir/f5", "dir/f6", "dir/f7");
        assertThat(third.items()).extracting(DiffEntry::path).containsExactly("dir/f8", "dir/f9");
        assertThat(third.hasMore()).isFalse();
    }

    @Test
    void diffUncommittedOfAFreshCommitIsEmpty() {
        repo.commit("main").put("a", "1").create();

        assertThat(repo.engine.diffUncommitted(NAME, MAIN, DiffRequest.twoDot(10)).items()).isEmpty();
    }

    // Log

    @Test
    void logListsCommitsNewestFirst() {
        CommitId initial = repo.engine.resolve(NAME, "main");
        Commit c1 = repo.commit("main").put("a", "1").create();
        Commit c2 = repo.commit("main").put("a", "2").create();
        Commit c3 = repo.commit("main").put("a", "3").create();

        assertThat(ids(repo.engine.log(NAME, "main", LogRequest.latest(10)))).containsExactly(c3.id(), c2.id(), c1.id(), initial);
        assertThat(ids(repo.engine.log(NAME, "main~1", LogRequest.latest(10)))).containsExactly(c2.id(), c1.id(), initial);
    }

    @Test
    void loggedCommitsCarryTheirFields() {
        Commit made = repo.engine.commit(NAME, MAIN, new io.tarn.api.CommitRequest("the message", "ana", Map.of("k", "v"), true));

        Commit logged = repo.engine.log(NAME, "main", LogRequest.latest(1)).items().get(0);

        assertThat(logged).isEqualTo(made);
        assertThat(repo.engine.getCommit(NAME, made.id())).isEqualTo(made);
    }

    @Test
    void logOfAMergeHistoryHasEveryCommitOnceAndChildrenBeforeParents() {
        History h = mergeHistory();

        List<Commit> log = repo.engine.log(NAME, "main", LogRequest.latest(100)).items();

        assertThat(log).extracting(Commit::id).containsExactlyInAnyOrder(h.merge, h.onMain, h.feature2, h.feature1, h.base, h.initial);
        assertThat(log.get(0).id()).isEqualTo(h.merge);
        for (int i = 0; i < log.size(); i++) {
            for (CommitId parent : log.get(i).parents()) {
                int at = log.stream().map(Commit::id).toList().indexOf(parent);
                assertThat(at).as("parent of %s comes later", log.get(i).id()).isGreaterThan(i);
            }
        }
    }

    @Test
    void firstParentLogFollowsOnlyTheBranchsOwnLine() {
        History h = mergeHistory();

        Page<Commit> log = repo.engine.log(NAME, "main", new LogRequest(true, List.of(), "", 100));

        assertThat(ids(log)).containsExactly(h.merge, h.onMain, h.base, h.initial);
    }

    @Test
    void logIsPagedAfterACommit() {
        List<CommitId> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(0, repo.commit("main").put("a", "" + i).create().id());
        }
        expected.add(repo.engine.resolve(NAME, "main~7"));

        List<CommitId> seen = new ArrayList<>();
        List<Boolean> hasMore = new ArrayList<>();
        String after = "";
        while (true) {
            Page<Commit> page = repo.engine.log(NAME, "main", new LogRequest(false, List.of(), after, 3));
            seen.addAll(ids(page));
            hasMore.add(page.hasMore());
            if (!page.hasMore()) {
                assertThat(page.nextAfter()).isNull();
                break;
            }
            assertThat(page.nextAfter()).isEqualTo(page.items().get(page.items().size() - 1).id().value());
            after = page.nextAfter();
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(hasMore).containsExactly(true, true, false);
    }

    @Test
    void firstParentLogIsPagedAfterACommit() {
        History h = mergeHistory();

        Page<Commit> first = repo.engine.log(NAME, "main", new LogRequest(true, List.of(), "", 2));
        Page<Commit> second = repo.engine.log(NAME, "main", new LogRequest(true, List.of(), first.nextAfter(), 2));

        assertThat(ids(first)).containsExactly(h.merge, h.onMain);
        assertThat(first.hasMore()).isTrue();
        assertThat(ids(second)).containsExactly(h.base, h.initial);
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void logFilteredByAPathReturnsOnlyCommitsThatChangedIt() {
        PathHistory h = pathHistory();

        assertThat(ids(logOf("dir/file-07"))).containsExactly(h.deletes07, h.changes07, h.adds);
        assertThat(ids(logOf("other/x"))).containsExactly(h.changesOther, h.adds);
        assertThat(ids(logOf("dir/file-13"))).containsExactly(h.adds);
        assertThat(ids(logOf("dir/file-0"))).isEmpty();
        assertThat(ids(logOf("never/written"))).isEmpty();
    }

    @Test
    void logFilteredByAPrefixReturnsOnlyCommitsThatChangedSomethingUnderIt() {
        PathHistory h = pathHistory();

        assertThat(ids(logOf("dir/"))).containsExactly(h.deletes07, h.changes30, h.changes07, h.adds);
        assertThat(ids(logOf("other/"))).containsExactly(h.unrelated, h.changesOther, h.adds);
        assertThat(ids(logOf("zzz/"))).containsExactly(h.addsZzz);
        assertThat(ids(logOf("nothing/"))).isEmpty();
    }

    @Test
    void logFilteredBySeveralPathsReturnsCommitsThatChangedAnyOfThem() {
        PathHistory h = pathHistory();

        assertThat(ids(logOf("dir/file-30", "other/x"))).containsExactly(h.changes30, h.changesOther, h.adds);
    }

    @Test
    void aPrefixNeedNotEndAtASlashAndAPathWithoutOneIsExact() {
        PathHistory h = pathHistory();

        assertThat(ids(repo.engine.log(NAME, "main", new LogRequest(false, List.of(), List.of("di"), "", 10))))
                .containsExactly(h.deletes07, h.changes30, h.changes07, h.adds);
        assertThat(ids(repo.engine.log(NAME, "main", new LogRequest(false, List.of("di"), List.of(), "", 10)))).isEmpty();
        assertThat(ids(repo.engine.log(NAME, "main", new LogRequest(false, List.of("other/x"), List.of("dir/file-3"), "", 10))))
                .containsExactly(h.changes30, h.changesOther, h.adds);
    }

    @Test
    void aFilteredLogIsPagedAfterACommit() {
        PathHistory h = pathHistory();

        Page<Commit> first = repo.engine.log(NAME, "main", new LogRequest(false, List.of("dir/"), "", 2));
        Page<Commit> second = repo.engine.log(NAME, "main", new LogRequest(false, List.of("dir/"), first.nextAfter(), 2));

        assertThat(ids(first)).containsExactly(h.deletes07, h.changes30);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextAfter()).isEqualTo(h.changes30.value());
        assertThat(ids(second)).containsExactly(h.changes07, h.adds);
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void aFilteredLogOfAMergeHistoryIncludesTheMergeAndTheBranchCommitThatChangedThePath() {
        History h = mergeHistory();

        assertThat(ids(repo.engine.log(NAME, "main", new LogRequest(false, List.of("f2"), "", 10)))).containsExactly(h.merge, h.feature2);
        assertThat(ids(repo.engine.log(NAME, "main", new LogRequest(false, List.of("m"), "", 10)))).containsExactly(h.onMain);
    }

    /** Commits with 35 files over several ranges, each later commit touching one or two of them. */
    private PathHistory pathHistory() {
        TestRepository.CommitBuilder builder = repo.commit("main");
        for (int i = 0; i < 32; i++) {
            builder.put(String.format("dir/file-%02d", i), "v" + i);
        }
        Commit adds = builder.put("other/x", "x").put("other/y", "y").put("a-first", "a").create();
        assertThat(repo.rangeCount("main")).isGreaterThanOrEqualTo(4);
        Commit changes07 = repo.commit("main").put("dir/file-07", "changed").create();
        Commit changesOther = repo.commit("main").put("other/x", "changed").put("a-first", "changed").create();
        Commit changes30 = repo.commit("main").put("dir/file-30", "changed").create();
        Commit addsZzz = repo.commit("main").put("zzz/new", "z").create();
        Commit deletes07 = repo.commit("main").delete("dir/file-07").create();
        Commit unrelated = repo.commit("main").put("other/y", "changed").create();
        assertThat(repo.engine.log(NAME, "main", LogRequest.latest(100)).items()).hasSize(8);
        return new PathHistory(adds.id(), changes07.id(), changesOther.id(), changes30.id(), addsZzz.id(), deletes07.id(), unrelated.id());
    }

    private record PathHistory(CommitId adds, CommitId changes07, CommitId changesOther, CommitId changes30, CommitId addsZzz,
            CommitId deletes07, CommitId unrelated) {
    }

    /** initial - base - onMain - merge on main; base - feature1 - feature2 on feature, merged. */
    private History mergeHistory() {
        CommitId initial = repo.engine.resolve(NAME, "main");
        Commit base = repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit feature1 = repo.commit("feature").put("f1", "1").create();
        Commit feature2 = repo.commit("feature").put("f2", "1").create();
        Commit onMain = repo.commit("main").put("m", "1").create();
        CommitId merge = repo.engine.merge(NAME, "feature", MAIN, MergeRequest.by("tester")).head();
        assertThat(repo.engine.getCommit(NAME, merge).parents()).containsExactly(onMain.id(), feature2.id());
        return new History(initial, base.id(), feature1.id(), feature2.id(), onMain.id(), merge);
    }

    private record History(CommitId initial, CommitId base, CommitId feature1, CommitId feature2, CommitId onMain, CommitId merge) {
    }

    private Page<Commit> logOf(String... paths) {
        return repo.engine.log(NAME, "main", new LogRequest(false, List.of(paths), "", 100));
    }

    private static List<CommitId> ids(Page<Commit> page) {
        return page.items().stream().map(Commit::id).toList();
    }
}
