package io.tarn.graveler.committed;

import io.tarn.api.DiffEntry;
import io.tarn.api.Entry;

/**
 * How one key differs between two trees: its record on the left and on the right, each a range and
 * an index, or absent ({@code null} range).
 */
public record Difference(String key, Range left, int leftIndex, Range right, int rightIndex) {
    public Entry leftEntry() {
        return left == null ? null : left.entry(leftIndex);
    }

    public Entry rightEntry() {
        return right == null ? null : right.entry(rightIndex);
    }

    /** The right side as a change to apply to the left tree. */
    public Change toRightChange() {
        return right == null ? Change.delete(key) : Change.of(right, rightIndex);
    }

    public DiffEntry toDiffEntry() {
        DiffEntry.Type type = left == null ? DiffEntry.Type.ADDED : right == null ? DiffEntry.Type.REMOVED : DiffEntry.Type.CHANGED;
        return new DiffEntry(key, type, leftEntry(), rightEntry());
    }
}
