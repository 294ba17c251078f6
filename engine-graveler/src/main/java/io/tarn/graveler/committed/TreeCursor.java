package io.tarn.graveler.committed;

import io.tarn.api.Entry;

/**
 * A forward position in a committed tree, record by record, loading each range only when one of its
 * records is asked for, so that whole ranges can be skipped unread ({@link #skipRange}) when diff or
 * merge finds the same range id on both sides. Not thread-safe.
 */
public final class TreeCursor {
    private final RangeStore store;
    private final Namespace ns;
    private final MetaRange tree;
    private int rangeIndex;
    private Range range;
    private int index;
    private String key; // the current record's key, decoded once per position

    /** A cursor at the tree's first record. */
    public TreeCursor(RangeStore store, Namespace ns, MetaRange tree) {
        this.store = store;
        this.ns = ns;
        this.tree = tree;
    }

    /** Moves to the first record at or after {@code key} ({@code inclusive}) or strictly after it. */
    public TreeCursor seek(String key, boolean inclusive) {
        rangeIndex = tree.firstRangeEndingAtOrAfter(key);
        range = null;
        index = 0;
        this.key = null;
        if (rangeIndex < tree.ranges().size() && KeyOrder.compare(tree.ranges().get(rangeIndex).minKey(), key) < 0
                || !inclusive && rangeIndex < tree.ranges().size() && tree.ranges().get(rangeIndex).minKey().equals(key)) {
            load();
            int at = range.indexOf(key);
            index = at >= 0 ? (inclusive ? at : at + 1) : -at - 1;
            if (index >= range.size()) {
                nextRange();
            }
        }
        return this;
    }

    public boolean valid() {
        return rangeIndex < tree.ranges().size();
    }

    /** Whether the cursor is at the first record of a range it has not read yet. */
    public boolean atRangeStart() {
        return valid() && index == 0;
    }

    /** The current range's metadata. */
    public RangeInfo rangeInfo() {
        return tree.ranges().get(rangeIndex);
    }

    /** Moves past the rest of the current range. */
    public void skipRange() {
        nextRange();
    }

    public String key() {
        if (key == null) {
            key = index == 0 && range == null ? rangeInfo().minKey() : range().key(index);
        }
        return key;
    }

    /** The current range, loaded. */
    public Range range() {
        if (range == null) {
            load();
        }
        return range;
    }

    /** The current record's index in {@link #range()}. */
    public int index() {
        return index;
    }

    public Entry entry() {
        return range().entry(index);
    }

    public void advance() {
        range();
        index++;
        key = null;
        if (index >= range.size()) {
            nextRange();
        }
    }

    private void nextRange() {
        rangeIndex++;
        range = null;
        index = 0;
        key = null;
    }

    private void load() {
        range = store.range(ns, tree.ranges().get(rangeIndex).id());
    }
}
