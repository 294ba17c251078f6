package io.tarn.properties.laws;

import static io.tarn.properties.laws.Laws.agree;
import static io.tarn.properties.laws.Laws.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tarn.api.DiffEntry;
import io.tarn.api.MergeConflictException;
import io.tarn.properties.Action;
import io.tarn.properties.EngineRepository;
import io.tarn.properties.Sides;
import io.tarn.properties.StatefulRun;
import io.tarn.properties.model.MergeRule;
import io.tarn.properties.model.MergeRule.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Laws of diff, merge bases, cherry-pick and revert (docs/merge-semantics.md), on the real engine with tiny ranges. */
class HistoryLawsTest extends EngineLawTest {
    static final int TRIES = 10;

    @Test
    void applyingADiffTurnsItsLeftIntoItsRightAndTheReverseDiffIsItsInverse() {
        check("diff round trip and inverse", 0.5, engine, TRIES, (sides, repo) -> {
            sides.build(repo);
            List<DiffEntry> diff = repo.diffEntries("source", "dest", false, 3);
            repo.createBranch("replay", "source");
            for (DiffEntry d : diff) {
                if (d.right() == null) {
                    repo.delete("replay", d.path());
                } else {
                    repo.stage("replay", d.path(), d.right());
                }
            }
            Sides.commitIfChanged(repo, "replay");
            agree("tree after applying source..dest to source", Sides.tree(repo, "dest"), Sides.tree(repo, "replay"));
            agree("diff replay..dest", List.of(), repo.diffEntries("replay", "dest", false, 3));
            List<String> inverse = repo.diffEntries("dest", "source", false, 2).stream()
                    .map(d -> EngineRepository.diffLine(d.path(), EngineRepository.value(d.right()), EngineRepository.value(d.left()))).toList();
            agree("dest..source with sides swapped", repo.diff("source", "dest", false, 5), inverse);
        });
    }

    @Test
    void theMergeBaseIsSymmetricIsAnAncestorOfBothAndMovesToTheSourceAfterAMerge() {
        check("merge-base laws", 0.3, engine, TRIES, (sides, repo) -> {
            sides.build(repo);
            var main = repo.resolve("main");
            agree("merge base of source and dest", main, repo.engine().mergeBase(repo.name(), "source", "dest"));
            agree("merge base of dest and source", main, repo.engine().mergeBase(repo.name(), "dest", "source"));
            agree("merge base of a branch and its own ancestor", main, repo.engine().mergeBase(repo.name(), "main", "dest"));
            agree("merge base of a branch and itself", repo.resolve("dest"), repo.engine().mergeBase(repo.name(), "dest", "dest"));
            Sides.Merged merged = Sides.merge(repo, "source", "dest", "merged", Strategy.SOURCE_WINS);
            if (merged.refusal() == null) {
                agree("merge base after merging source", repo.resolve("source"), repo.engine().mergeBase(repo.name(), "source", "merged"));
            }
        });
    }

    /**
     * Criss-cross: left and right each merged the other's commit, so X and Y are both best common
     * ancestors (same generation). The merge base is the one created last (Y), and the merge is the
     * plain three-way merge against it: here a conflict on 'a' that a merge against X (or a
     * recursive, virtual base) would not have. The stateful run checks every step against the model.
     */
    @Test
    void aCrissCrossMergeUsesTheBestCommonAncestorCreatedLast() {
        EngineRepository repo = engine.newRepository();
        List<Action> history = List.of(new Action.Put("main", "a", "v1"), new Action.Commit("main"),
                new Action.CreateBranch("dev", "main"), new Action.CreateBranch("feat", "main"),
                new Action.Put("dev", "a", "v2"), new Action.Commit("dev"), new Action.Tag("rel1", "dev"),
                new Action.Put("feat", "b", "v1"), new Action.Commit("feat"), new Action.Tag("rel2", "feat"),
                new Action.Merge("rel2", "dev", Strategy.NONE, false, true), new Action.Merge("rel1", "feat", Strategy.NONE, false, true),
                new Action.Put("dev", "a", "v3"), new Action.Commit("dev"));
        StatefulRun.run(repo, history, true);

        assertThat(repo.engine().mergeBase(repo.name(), "dev", "feat")).isEqualTo(repo.resolve("rel2"));
        MergeConflictException conflict = catchThrowableOfType(MergeConflictException.class,
                () -> repo.merge("dev", "feat", Strategy.NONE, false, false));
        assertThat(conflict.conflicts()).extracting(EngineRepository::conflict)
                .containsExactly(new MergeRule.Conflict("a", "v1", "v3", "v2"));
    }

    @Test
    void revertingACommitUndoesItAndRevertingTheRevertRestoresTheTree() {
        check("revert laws", 0.5, engine, TRIES, (sides, repo) -> {
            sides.build(repo);
            if (repo.resolve("dest").equals(repo.resolve("main"))) {
                return; // the destination made no commit to revert
            }
            repo.revert("dest", "dest", 0);
            agree("tree after reverting dest's commit", Sides.tree(repo, "main"), Sides.tree(repo, "dest"));
            repo.revert("dest", "dest", 0);
            agree("tree after reverting the revert", sides.destinationTree(), Sides.tree(repo, "dest"));
        });
    }

    @Test
    void cherryPickingACommitMergesItsChangeAgainstItsParent() {
        check("cherry-pick law", 0.6, engine, TRIES, (sides, repo) -> {
            sides.build(repo);
            if (repo.resolve("source").equals(repo.resolve("main"))) {
                return; // the source made no commit to pick
            }
            MergeRule.Outcome expected = sides.modelMerge(Strategy.NONE);
            try {
                repo.cherryPick("dest", "source", 0);
                agree("tree after the cherry-pick", expected.tree(), Sides.tree(repo, "dest"));
            } catch (MergeConflictException e) {
                agree("conflicts of the cherry-pick", expected.conflicts(), e.conflicts().stream().map(EngineRepository::conflict).toList());
            } catch (io.tarn.api.InvalidArgumentException e) {
                agree("refused as changing nothing", sides.destinationTree(), expected.tree());
            }
        });
    }

    /**
     * A squash merge (or a forced merge commit) whose destination is the merge base, where the
     * source holds the destination's content in other records (the same bytes written on both
     * branches), changes nothing and is refused as empty. Found by the stateful test (seed 20261287
     * before it reused entries) when the engine compared metarange ids, which cover every record's
     * address and time, instead of content; kept as its minimal case.
     */
    @Test
    void aSquashMergeThatChangesNoContentIsRefusedAsEmpty() {
        List<Action> minimal = List.of(new Action.CreateBranch("feat", "main"), new Action.Put("main", "z%", "v2"),
                new Action.Put("main", "ab", "v1"), new Action.Commit("main"), new Action.Put("feat", "z%", "v2"), new Action.Commit("feat"),
                new Action.Merge("main", "feat", Strategy.NONE, false, false), new Action.Merge("feat", "main", Strategy.NONE, true, false));
        StatefulRun.run(engine.newRepository(false), minimal, true);
    }
}
