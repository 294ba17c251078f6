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
import io.tarn.api.CommitRequest;
import io.tarn.api.DirtyBranchException;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MergeConflict;
import io.tarn.api.MergeConflictException;
import io.tarn.api.MergeRequest;
import io.tarn.api.MergeStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Revert (merge with base C, source parent(C), destination the branch) and cherry-pick (base
 * parent(C), source C), DESIGN §5.
 */
@ExtendWith(TestRepositoryExtension.class)
class RevertCherryPickScenarioTest {
    private static final CommitRequest DEFAULT_MESSAGE = CommitRequest.of("", "tester");

    TestRepository repo;

    // Revert

    @Test
    void revertingACommitUndoesItsChangesAndKeepsLaterUnrelatedOnes() {
        repo.commit("main").put("a", "1").put("b", "1").put("gone", "1").create();
        Commit reverted = repo.commit("main").put("a", "2").delete("gone").put("added", "new").create();
        Commit later = repo.commit("main").put("b", "2").put("c", "1").create();

        Commit revert = repo.engine.revert(NAME, MAIN, reverted.id().value(), 0, CommitRequest.of("undo", "reverter"));

        assertThat(repo.contents("main@")).containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "1"), entry("gone", "1"));
        assertThat(revert.parents()).containsExactly(later.id());
        assertThat(revert.message()).isEqualTo("undo");
        assertThat(revert.committer()).isEqualTo("reverter");
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(revert.id());
    }

    @Test
    void revertingACommitWhosePathChangedAgainLaterIsAConflictListingThePath() {
        repo.commit("main").put("a", "1").put("b", "1").create();
        Commit reverted = repo.commit("main").put("a", "2").put("b", "2").create();
        Commit later = repo.commit("main").put("a", "3").create();

        MergeConflictException e = catchThrowableOfType(MergeConflictException.class,
                () -> repo.engine.revert(NAME, MAIN, reverted.id().value(), 0, DEFAULT_MESSAGE));

        assertThat(e.conflicts()).extracting(MergeConflict::path).containsExactly("a");
        assertThat(e).hasMessageContaining(reverted.id().value()).hasMessageContaining("'main'").hasMessageContaining("1 conflict");
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(later.id());
    }

    @Test
    void revertingAMergeCommitWithoutAParentNumberIsRefusedNamingTheParentCount() {
        CommitId merge = mergeCommit();

        assertThatThrownBy(() -> repo.engine.revert(NAME, MAIN, merge.value(), 0, DEFAULT_MESSAGE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("parent number")
                .hasMessageContaining("'0'")
                .hasMessageContaining("2 parents");
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(merge);
    }

    @Test
    void revertingAMergeCommitAgainstItsFirstParentUndoesWhatTheMergeBroughtIn() {
        CommitId merge = mergeCommit();
        repo.commit("main").put("after", "1").create();

        repo.engine.revert(NAME, MAIN, merge.value(), 1, DEFAULT_MESSAGE);

        // The merge brought in feature's "f"; main's own "a", "m" and the later "after" stay.
        assertThat(repo.contents("main@")).containsExactly(entry("a", "1"), entry("after", "1"), entry("m", "main's"));
    }

    @Test
    void revertingAMergeCommitAgainstItsSecondParentUndoesTheMainlineSide() {
        CommitId merge = mergeCommit();

        repo.engine.revert(NAME, MAIN, merge.value(), 2, DEFAULT_MESSAGE);

        assertThat(repo.contents("main@")).containsExactly(entry("a", "1"), entry("f", "feature's"));
    }

    @Test
    void revertingAMergeCommitAgainstAParentItDoesNotHaveIsRefused() {
        CommitId merge = mergeCommit();

        assertThatThrownBy(() -> repo.engine.revert(NAME, MAIN, merge.value(), 3, DEFAULT_MESSAGE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'3'")
                .hasMessageContaining("2 parents");
    }

    @Test
    void revertingTheFirstCommitIsRefusedNamingIt() {
        CommitId first = repo.engine.getBranch(NAME, MAIN).head();
        repo.commit("main").put("a", "1").create();

        assertThatThrownBy(() -> repo.engine.revert(NAME, MAIN, first.value(), 0, DEFAULT_MESSAGE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(first.value())
                .hasMessageContaining("first commit");
    }

    @Test
    void revertingOnABranchWithStagedChangesIsRefusedNamingTheBranch() {
        Commit reverted = repo.commit("main").put("a", "1").create();
        repo.put("main", "b", "staged");

        DirtyBranchException e = catchThrowableOfType(DirtyBranchException.class,
                () -> repo.engine.revert(NAME, MAIN, reverted.id().value(), 0, DEFAULT_MESSAGE));

        assertThat(e.branch()).isEqualTo("main");
        assertThat(e).hasMessageContaining("'main'");
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(reverted.id());
        assertThat(repo.read("main", "b")).isEqualTo("staged");
    }

    @Test
    void aRevertsDefaultMessageNamesTheRevertedCommit() {
        Commit reverted = repo.commit("main").put("a", "1").message("add a").create();

        Commit revert = repo.engine.revert(NAME, MAIN, "main", 0, DEFAULT_MESSAGE);

        assertThat(revert.message()).contains(reverted.id().abbreviated()).contains("add a");
        assertThat(repo.contents("main@")).isEmpty();
    }

    // Cherry-pick

    @Test
    void cherryPickingACommitFromAnotherBranchAppliesOnlyThatCommitsChanges() {
        repo.commit("main").put("a", "1").put("b", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("earlier", "not picked").create();
        Commit picked = repo.commit("feature").put("a", "feature's").delete("b").put("new", "picked").create();
        Commit head = repo.commit("main").put("m", "main's").create();

        Commit pick = repo.engine.cherryPick(NAME, MAIN, picked.id().value(), 0, CommitRequest.of("picked it", "picker"));

        assertThat(repo.contents("main@")).containsExactly(entry("a", "feature's"), entry("m", "main's"), entry("new", "picked"));
        assertThat(pick.parents()).containsExactly(head.id());
        assertThat(pick.message()).isEqualTo("picked it");
        assertThat(pick.committer()).isEqualTo("picker");
        assertThat(repo.contents("feature@")).containsEntry("earlier", "not picked");
    }

    @Test
    void cherryPickingByBranchNameTakesTheBranchHeadAndNamesItInTheDefaultMessage() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit picked = repo.commit("feature").put("f", "1").message("add f").create();

        Commit pick = repo.engine.cherryPick(NAME, MAIN, "feature", 0, DEFAULT_MESSAGE);

        assertThat(pick.message()).contains(picked.id().abbreviated()).contains("add f");
        assertThat(repo.contents("main@")).containsExactly(entry("a", "1"), entry("f", "1"));
    }

    @Test
    void cherryPickingAChangeToAPathTheBranchChangedDifferentlyIsAConflictListingThePath() {
        repo.commit("main").put("a", "base").put("b", "base").create();
        repo.branch("feature", "main");
        Commit picked = repo.commit("feature").put("a", "feature's").put("b", "feature's").put("c", "new").create();
        Commit head = repo.commit("main").put("b", "main's").create();

        MergeConflictException e = catchThrowableOfType(MergeConflictException.class,
                () -> repo.engine.cherryPick(NAME, MAIN, picked.id().value(), 0, DEFAULT_MESSAGE));

        assertThat(e.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("b");
            assertThat(c.base()).isEqualTo(repo.engine.statObject(NAME, "main~1", "b"));
            assertThat(c.source()).isEqualTo(repo.engine.statObject(NAME, picked.id().value(), "b"));
            assertThat(c.destination()).isEqualTo(repo.engine.statObject(NAME, head.id().value(), "b"));
        });
        assertThat(e).hasMessageContaining("cherry-pick").hasMessageContaining("'main'");
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(head.id());
    }

    @Test
    void cherryPickingOntoABranchWithStagedChangesIsRefusedNamingTheBranch() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit picked = repo.commit("feature").put("f", "1").create();
        repo.delete("main", "a");

        DirtyBranchException e = catchThrowableOfType(DirtyBranchException.class,
                () -> repo.engine.cherryPick(NAME, MAIN, picked.id().value(), 0, DEFAULT_MESSAGE));

        assertThat(e.branch()).isEqualTo("main");
        assertThat(e).hasMessageContaining("'main'");
        assertThat(repo.read("main", "f")).isNull();
        assertThat(repo.read("main", "a")).isNull();
        assertThat(repo.read("main@", "a")).isEqualTo("1");
    }

    @Test
    void cherryPickingAChangeTheBranchAlreadyHasIsRefusedAsEmptyUnlessAllowed() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit picked = repo.commit("feature").put("f", "1").create();
        Commit head = repo.commit("main").put("f", "1").create();

        assertThatThrownBy(() -> repo.engine.cherryPick(NAME, MAIN, picked.id().value(), 0, DEFAULT_MESSAGE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(picked.id().value())
                .hasMessageContaining("'main'");
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(head.id());

        Commit empty = repo.engine.cherryPick(NAME, MAIN, picked.id().value(), 0, new CommitRequest("", "tester", Map.of(), true));

        assertThat(empty.parents()).containsExactly(head.id());
        assertThat(empty.metaRangeId()).isEqualTo(head.metaRangeId());
    }

    @Test
    void cherryPickingASingleParentCommitAgainstASecondParentIsRefused() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit picked = repo.commit("feature").put("f", "1").create();

        assertThatThrownBy(() -> repo.engine.cherryPick(NAME, MAIN, picked.id().value(), 2, DEFAULT_MESSAGE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("parent number")
                .hasMessageContaining("'2'")
                .hasMessageContaining("one parent");
    }

    @Test
    void cherryPickingAMergeCommitAgainstItsFirstParentBringsWhatTheMergeBroughtIn() {
        CommitId merge = mergeCommit();
        repo.branch("other", merge.value() + "~1");

        repo.engine.cherryPick(NAME, new BranchName("other"), merge.value(), 1, DEFAULT_MESSAGE);

        assertThat(repo.contents("other@")).containsExactly(entry("a", "1"), entry("f", "feature's"), entry("m", "main's"));
    }

    /** main: a=1, then m; feature (from a=1): f; then feature merged into main: a two-parent commit. */
    private CommitId mergeCommit() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        repo.commit("feature").put("f", "feature's").create();
        repo.commit("main").put("m", "main's").create();
        CommitId merge = repo.engine.merge(NAME, "feature", MAIN,
                new MergeRequest(MergeStrategy.NONE, "", "tester", Map.of(), false, false, false)).head();
        assertThat(repo.engine.getCommit(NAME, merge).parents()).hasSize(2);
        return merge;
    }
}
