package io.tarn.properties.laws;

import static io.tarn.properties.laws.Laws.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.properties.EngineRepository;
import io.tarn.properties.Sides;
import io.tarn.properties.model.MergeRule;
import io.tarn.properties.model.MergeRule.Strategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The laws of three-way merge (docs/merge-semantics.md), each its own property, on the real engine with tiny ranges. */
class MergeLawsTest extends EngineLawTest {
    static final int TRIES = 12;

    @Test
    void everyRowOfThePerKeyTableHoldsForEveryStrategy() {
        List<String> values = Arrays.asList(null, "v1", "v2", "");
        SortedMap<String, String> base = new TreeMap<>();
        SortedMap<String, Optional<String>> source = new TreeMap<>();
        SortedMap<String, Optional<String>> destination = new TreeMap<>();
        for (int b = 0; b < 4; b++) {
            for (int s = 0; s < 4; s++) {
                for (int d = 0; d < 4; d++) {
                    String path = "row/" + b + s + d;
                    if (values.get(b) != null) {
                        base.put(path, values.get(b));
                    }
                    if (s != b) {
                        source.put(path, Optional.ofNullable(values.get(s)));
                    }
                    if (d != b) {
                        destination.put(path, Optional.ofNullable(values.get(d)));
                    }
                }
            }
        }
        Sides table = new Sides(base, source, destination);
        EngineRepository repo = engine.newRepository();
        table.build(repo);
        for (Strategy strategy : Strategy.values()) {
            Sides.Merged merged = Sides.merge(repo, "source", "dest", "into-" + strategy.name().toLowerCase(), strategy);
            MergeRule.Outcome expected = table.modelMerge(strategy);
            assertThat(expected.conflicts()).as("the rows where base, source and destination all differ").hasSize(24);
            if (strategy == Strategy.NONE) {
                assertThat(merged.conflicts()).containsExactlyElementsOf(expected.conflicts());
            } else {
                assertThat(merged.tree()).as("strategy %s", strategy).isEqualTo(expected.tree());
            }
        }
    }

    @Test
    void theEngineMergesAsTheModelDoesForEveryStrategy() {
        check("merge agrees with the model", 0.7, engine, TRIES, (sides, repo) -> {
            sides.build(repo);
            for (Strategy strategy : Strategy.values()) {
                Sides.Merged merged = Sides.merge(repo, "source", "dest", "into-" + strategy.name().toLowerCase(), strategy);
                MergeRule.Outcome expected = sides.modelMerge(strategy);
                Laws.agree("conflicts with " + strategy, strategy == Strategy.NONE ? expected.conflicts() : List.of(), merged.conflicts());
                if (expected.tree() != null) {
                    Laws.agree("tree with " + strategy, expected.tree(), merged.tree());
                    Laws.agree("refused as empty with " + strategy, expected.tree().equals(sides.destinationTree()), merged.refusal() != null);
                }
            }
        });
    }

    @Test
    void mergingABranchIntoItselfOrMergingAnUnchangedBranchIsRefusedAndChangesNothing() {
        check("self and unchanged merges", 0.5, engine, TRIES, (sides, repo) -> {
            sides.build(repo);
            Sides.Merged self = Sides.merge(repo, "dest", "dest", "self", Strategy.NONE);
            Laws.agree("merge of a branch with itself refused", true, self.refusal() != null);
            Laws.agree("tree after merging a branch with itself", sides.destinationTree(), self.tree());
            Sides.Merged unchanged = Sides.merge(repo, "main", "dest", "unchanged", Strategy.NONE);
            Laws.agree("merge of the unchanged base refused", true, unchanged.refusal() != null);
            Laws.agree("tree after merging the unchanged base", sides.destinationTree(), unchanged.tree());
        });
    }

    @Test
    void aOneSidedMergeFastForwardsToTheSource() {
        check("one-sided merges fast-forward", 0.0, engine, TRIES, (sides, repo) -> {
            Sides oneSided = new Sides(sides.base(), sides.source(), new TreeMap<>());
            oneSided.build(repo);
            boolean sourceChanged = !repo.resolve("source").equals(repo.resolve("main"));
            Sides.Merged merged = Sides.merge(repo, "source", "dest", "into", Strategy.NONE);
            Laws.agree("tree", oneSided.sourceTree(), merged.tree());
            Laws.agree("refused (nothing to merge)", !sourceChanged, merged.refusal() != null);
            Laws.agree("head after the merge", repo.resolve("source"), repo.resolve("into"));
        });
    }

    @Test
    void conflictsAreTheSameWhicheverSideIsTheSourceAndWithoutConflictsBothDirectionsGiveOneTree() {
        check("conflict symmetry", 0.7, engine, TRIES, (sides, repo) -> {
            sides.build(repo);
            Sides.Merged forward = Sides.merge(repo, "source", "dest", "forward", Strategy.NONE);
            Sides.Merged backward = Sides.merge(repo, "dest", "source", "backward", Strategy.NONE);
            List<MergeRule.Conflict> swapped = new ArrayList<>();
            backward.conflicts().forEach(c -> swapped.add(new MergeRule.Conflict(c.path(), c.base(), c.destination(), c.source())));
            Laws.agree("conflicts, the backward ones with sides swapped", forward.conflicts(), swapped);
            if (forward.conflicts().isEmpty()) {
                Laws.agree("tree merged both ways", forward.tree(), backward.tree());
            }
        });
    }

    @Test
    void sourceWinsOneWayIsDestWinsTheOtherAndStrategiesDifferOnlyOnConflictingPaths() {
        check("strategy duality and soundness", 0.7, engine, TRIES, (sides, repo) -> {
            sides.build(repo);
            Sides.Merged sourceWins = Sides.merge(repo, "source", "dest", "source-wins", Strategy.SOURCE_WINS);
            Sides.Merged destWinsBack = Sides.merge(repo, "dest", "source", "dest-wins-back", Strategy.DEST_WINS);
            Laws.agree("source-wins into dest vs dest-wins into source", sourceWins.tree(), destWinsBack.tree());
            Sides.Merged destWins = Sides.merge(repo, "source", "dest", "dest-wins", Strategy.DEST_WINS);
            List<String> conflicting = sides.modelMerge(Strategy.NONE).conflicts().stream().map(MergeRule.Conflict::path).toList();
            List<String> differing = new ArrayList<>();
            for (String p : Laws.union(sourceWins.tree(), destWins.tree())) {
                if (!java.util.Objects.equals(sourceWins.tree().get(p), destWins.tree().get(p))) {
                    differing.add(p);
                }
            }
            Laws.agree("paths where the strategies differ are conflicting", true, conflicting.containsAll(differing));
            Sides.Merged none = Sides.merge(repo, "source", "dest", "default", Strategy.NONE);
            if (conflicting.isEmpty()) {
                Laws.agree("source-wins without conflicts is the default merge", none.tree(), sourceWins.tree());
            }
            for (String p : Laws.union(sides.sourceTree(), sides.destinationTree())) {
                if (!conflicting.contains(p)) {
                    Laws.agree("source-wins value of non-conflicting " + p,
                            MergeRule.resolve(sides.base().get(p), sides.sourceTree().get(p), sides.destinationTree().get(p), Strategy.NONE),
                            sourceWins.tree().get(p));
                }
            }
            for (String p : conflicting) {
                Laws.agree("source-wins value of " + p, sides.sourceTree().get(p), sourceWins.tree().get(p));
                Laws.agree("dest-wins value of " + p, sides.destinationTree().get(p), destWins.tree().get(p));
            }
        });
    }

    @Test
    void disjointChangesNeverConflictAndMergeToOneTreeInEitherDirection() {
        check("disjoint changes commute", 0.0, engine, TRIES, (sides, repo) -> {
            sides.build(repo);
            Sides.Merged forward = Sides.merge(repo, "source", "dest", "forward", Strategy.NONE);
            Sides.Merged backward = Sides.merge(repo, "dest", "source", "backward", Strategy.NONE);
            Laws.agree("conflicts", List.of(), forward.conflicts());
            Laws.agree("tree merged both ways", forward.tree(), backward.tree());
        });
    }
}
