package io.tarn.graveler.committed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Applies sorted changes to a committed tree and stores the result: the heart of commit, merge,
 * revert and cherry-pick.
 *
 * <p>Ranges that no change falls in are reused by id without being read, as long as the writer is
 * at a range boundary when it reaches them; ranges with changes are read, merged with their changes
 * and cut again by the {@link RangeSplitPolicy}. Because boundaries depend only on keys (and the
 * byte cap), a touched range whose closing key was deleted simply continues into its neighbour up to
 * the next natural boundary: no small fragments are left behind, and the same set of entries splits
 * the same way whatever history produced it. Cost is proportional to the touched ranges, not to the
 * tree. Thread-safe (stateless apart from its collaborators).
 */
public final class TreeWriter {
    private final RangeStore store;
    private final RangeSplitPolicy policy;

    public TreeWriter(RangeStore store, RangeSplitPolicy policy) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public RangeSplitPolicy policy() {
        return policy;
    }

    /**
     * The tree {@code base} becomes with {@code changes} applied, stored in {@code ns}.
     *
     * @param changes in strictly ascending {@link KeyOrder}; deleting an absent key is a no-op
     * @throws IllegalArgumentException when the changes are not in strictly ascending order
     */
    public MetaRange apply(Namespace ns, MetaRange base, Iterator<Change> changes) {
        Output out = new Output(ns);
        Changes pending = new Changes(changes);
        List<RangeInfo> ranges = base.ranges();
        for (int ri = 0; ri < ranges.size(); ri++) {
            RangeInfo r = ranges.get(ri);
            while (pending.peek() != null && KeyOrder.compare(pending.peek().key(), r.minKey()) < 0) {
                out.emit(pending.next());
            }
            boolean untouched = pending.peek() == null || KeyOrder.compare(pending.peek().key(), r.maxKey()) > 0;
            boolean last = ri == ranges.size() - 1;
            boolean endsAtBoundary = policy.closesAfter(r.maxKey().getBytes(StandardCharsets.UTF_8), r.bytes())
                    || last && pending.peek() == null;
            if (untouched && out.atBoundary() && endsAtBoundary) {
                out.reuse(r);
                continue;
            }
            Range range = store.range(ns, r.id());
            for (int i = 0; i < range.size(); i++) {
                String key = range.key(i);
                while (pending.peek() != null && KeyOrder.compare(pending.peek().key(), key) < 0) {
                    out.emit(pending.next());
                }
                if (pending.peek() != null && pending.peek().key().equals(key)) {
                    Change c = pending.next();
                    if (!c.isDelete() && range.hasIdentity(i, c.identity())) {
                        out.emit(range, i); // the same content again: keep the committed record (and the range id)
                    } else {
                        out.emit(c);
                    }
                } else {
                    out.emit(range, i);
                }
            }
        }
        while (pending.peek() != null) {
            out.emit(pending.next());
        }
        return out.finish();
    }

    /** The tree with exactly these entries (no base). */
    public MetaRange write(Namespace ns, Iterator<Change> entries) {
        return apply(ns, MetaRange.empty(), entries);
    }

    /** Changes with a one-element look-ahead and an order check. */
    private static final class Changes {
        private final Iterator<Change> it;
        private Change head;
        private String lastKey;

        Changes(Iterator<Change> it) {
            this.it = it;
            advance();
        }

        Change peek() {
            return head;
        }

        Change next() {
            Change c = head;
            advance();
            return c;
        }

        private void advance() {
            head = it.hasNext() ? it.next() : null;
            if (head != null) {
                if (lastKey != null && KeyOrder.compare(lastKey, head.key()) >= 0) {
                    throw new IllegalArgumentException("Invalid change order: '" + head.key() + "' comes after '" + lastKey + "'");
                }
                lastKey = head.key();
            }
        }
    }

    /** The ranges of the tree being written. */
    private final class Output {
        private final Namespace ns;
        private final List<RangeInfo> ranges = new ArrayList<>();
        private Range.Builder open;

        Output(Namespace ns) {
            this.ns = ns;
        }

        boolean atBoundary() {
            return open == null || open.isEmpty();
        }

        void reuse(RangeInfo r) {
            ranges.add(r);
        }

        void emit(Change c) {
            if (!c.isDelete()) {
                add(c.key(), c.encodedEntry(), c.identity());
            }
        }

        void emit(Range range, int i) {
            add(range.key(i), range.encodedEntry(i), range.identity(i));
        }

        private void add(String key, byte[] entry, byte[] identity) {
            if (open == null) {
                open = Range.builder();
            }
            open.add(key, entry, identity);
            if (policy.closesAfter(open.lastKeyUtf8(), open.encodedBytes())) {
                close();
            }
        }

        private void close() {
            Range range = open.build();
            store.putRange(ns, range);
            ranges.add(range.info());
            open = null;
        }

        MetaRange finish() {
            if (!atBoundary()) {
                close();
            }
            MetaRange metaRange = MetaRange.of(ranges);
            store.putMetaRange(ns, metaRange);
            return metaRange;
        }
    }
}
