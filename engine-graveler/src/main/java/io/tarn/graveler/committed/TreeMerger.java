package io.tarn.graveler.committed;

import io.tarn.api.MergeConflict;
import io.tarn.api.MergeStrategy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Three-way merge of committed trees (DESIGN §5). For each key, with base B, source S and
 * destination D compared by identity (absent counts as a value): S = D keeps D; S = B keeps D;
 * D = B takes S; anything else is a conflict, resolved by the strategy or reported.
 *
 * <p>Only keys that differ between base and source are looked at (a range-skipping diff), each
 * checked against the destination by a point lookup, and the destination tree is rewritten only in
 * the ranges those changes touch. Thread-safe.
 */
public final class TreeMerger {
    private final RangeStore store;
    private final TreeWriter writer;

    public TreeMerger(RangeStore store, TreeWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /**
     * What a merge produced.
     *
     * @param tree the merged tree, or {@code null} when there are conflicts and the strategy is NONE
     * @param conflicts every conflicting key in key order (all of them, whatever the strategy)
     */
    public record Outcome(MetaRange tree, List<MergeConflict> conflicts) {
        public Outcome {
            conflicts = List.copyOf(conflicts);
        }
    }

    public Outcome merge(Namespace ns, MetaRange base, MetaRange source, MetaRange destination, MergeStrategy strategy) {
        List<MergeConflict> conflicts = new ArrayList<>();
        Iterator<Change> changes = new MergeChanges(new TreeDiff(store, ns, base, source), new TreeCursor(store, ns, destination),
                strategy, conflicts);
        MetaRange tree = writer.apply(ns, destination, changes);
        if (!conflicts.isEmpty() && strategy == MergeStrategy.NONE) {
            return new Outcome(null, conflicts);
        }
        return new Outcome(tree, conflicts);
    }

    /** The changes to apply to the destination, decided key by key. */
    private static final class MergeChanges implements Iterator<Change> {
        private final TreeDiff sourceChanges;
        private final TreeCursor destination;
        private final MergeStrategy strategy;
        private final List<MergeConflict> conflicts;
        private Change next;

        MergeChanges(TreeDiff sourceChanges, TreeCursor destination, MergeStrategy strategy, List<MergeConflict> conflicts) {
            this.sourceChanges = sourceChanges;
            this.destination = destination;
            this.strategy = strategy;
            this.conflicts = conflicts;
        }

        @Override
        public boolean hasNext() {
            while (next == null && sourceChanges.hasNext()) {
                next = decide(sourceChanges.next());
            }
            return next != null;
        }

        @Override
        public Change next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Change c = next;
            next = null;
            return c;
        }

        private Change decide(Difference d) {
            destination.seek(d.key(), true);
            Range destRange = null;
            int destIndex = -1;
            if (destination.valid() && destination.key().equals(d.key())) {
                destRange = destination.range();
                destIndex = destination.index();
            }
            if (same(d.right(), d.rightIndex(), destRange, destIndex)) {
                return null;
            }
            if (same(d.left(), d.leftIndex(), destRange, destIndex)) {
                return d.toRightChange();
            }
            conflicts.add(new MergeConflict(d.key(), d.leftEntry(), d.rightEntry(), destRange == null ? null : destRange.entry(destIndex)));
            return strategy == MergeStrategy.SOURCE_WINS ? d.toRightChange() : null;
        }

        private static boolean same(Range a, int ai, Range b, int bi) {
            if (a == null || b == null) {
                return a == b;
            }
            return a.sameIdentity(ai, b, bi);
        }
    }
}
