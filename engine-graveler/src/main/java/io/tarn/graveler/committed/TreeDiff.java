package io.tarn.graveler.committed;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The keys whose entries differ (by identity) between a left and a right tree, in key order,
 * computed lazily. Ranges with the same id on both sides are skipped without being read, so the cost
 * follows the number of differing ranges, not the size of the trees. Not thread-safe.
 */
public final class TreeDiff implements Iterator<Difference> {
    private final TreeCursor left;
    private final TreeCursor right;
    private final String prefix;
    private Difference next;

    /**
     * @param prefix only keys starting with this
     * @param after only keys strictly after this ({@code ""} for no bound)
     */
    public TreeDiff(RangeStore store, Namespace ns, MetaRange leftTree, MetaRange rightTree, String prefix, String after) {
        this.prefix = prefix;
        this.left = new TreeCursor(store, ns, leftTree);
        this.right = new TreeCursor(store, ns, rightTree);
        boolean afterPrefix = KeyOrder.compare(after, prefix) >= 0;
        String start = afterPrefix ? after : prefix;
        boolean inclusive = !afterPrefix;
        if (!start.isEmpty() || !inclusive) {
            left.seek(start, inclusive);
            right.seek(start, inclusive);
        }
    }

    public TreeDiff(RangeStore store, Namespace ns, MetaRange leftTree, MetaRange rightTree) {
        this(store, ns, leftTree, rightTree, "", "");
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = computeNext();
        }
        return next != null;
    }

    @Override
    public Difference next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Difference d = next;
        next = null;
        return d;
    }

    private Difference computeNext() {
        while (true) {
            boolean l = left.valid() && inPrefix(left);
            boolean r = right.valid() && inPrefix(right);
            if (!l && !r) {
                return null;
            }
            if (l && r && left.atRangeStart() && right.atRangeStart() && left.rangeInfo().id().equals(right.rangeInfo().id())) {
                left.skipRange();
                right.skipRange();
                continue;
            }
            int c = !l ? 1 : !r ? -1 : KeyOrder.compare(left.key(), right.key());
            if (c < 0) {
                Difference d = new Difference(left.key(), left.range(), left.index(), null, -1);
                left.advance();
                return d;
            }
            if (c > 0) {
                Difference d = new Difference(right.key(), null, -1, right.range(), right.index());
                right.advance();
                return d;
            }
            Range lr = left.range();
            int li = left.index();
            Range rr = right.range();
            int ri = right.index();
            String key = lr.key(li);
            left.advance();
            right.advance();
            if (!lr.sameIdentity(li, rr, ri)) {
                return new Difference(key, lr, li, rr, ri);
            }
        }
    }

    private boolean inPrefix(TreeCursor cursor) {
        return prefix.isEmpty() || cursor.key().startsWith(prefix);
    }
}
