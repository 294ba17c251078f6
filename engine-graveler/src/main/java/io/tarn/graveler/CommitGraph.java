package io.tarn.graveler;

import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.LogRequest;
import io.tarn.api.Page;
import io.tarn.graveler.committed.KeyOrder;
import io.tarn.graveler.committed.MetaRange;
import io.tarn.graveler.committed.RangeInfo;
import io.tarn.graveler.committed.RangeStore;
import io.tarn.graveler.committed.TreeDiff;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/** Walks of the commit graph: merge bases and the log. Thread-safe. */
final class CommitGraph {
    /** Newest first: higher generation, then later creation, then id (for a total order). */
    static final Comparator<Commit> NEWEST_FIRST = Comparator.comparingLong(Commit::generation).reversed()
            .thenComparing(Commit::creationDate, Comparator.reverseOrder())
            .thenComparing(c -> c.id().value());

    private final RefStore refs;
    private final RangeStore ranges;

    CommitGraph(RefStore refs, RangeStore ranges) {
        this.refs = refs;
        this.ranges = ranges;
    }

    /**
     * The best common ancestor: of the commits reachable from both, one with the highest generation
     * (so none of the others descends from it), or {@code null} for unrelated histories.
     */
    CommitId mergeBase(Repo repo, CommitId left, CommitId right) {
        if (left.equals(right)) {
            return left;
        }
        Map<CommitId, Integer> flags = new HashMap<>();
        PriorityQueue<Commit> queue = new PriorityQueue<>(NEWEST_FIRST);
        flags.put(left, 1);
        flags.merge(right, 2, (a, b) -> a | b);
        queue.add(refs.commit(repo.record(), left));
        queue.add(refs.commit(repo.record(), right));
        Set<CommitId> queued = new HashSet<>(List.of(left, right));
        while (!queue.isEmpty()) {
            Commit c = queue.poll();
            int f = flags.get(c.id());
            if (f == 3) {
                return c.id();
            }
            for (CommitId p : c.parents()) {
                flags.merge(p, f, (a, b) -> a | b);
                if (queued.add(p)) {
                    queue.add(refs.commit(repo.record(), p));
                }
            }
        }
        return null;
    }

    /** Whether {@code ancestor} is reachable from {@code from} (a commit is its own ancestor). */
    boolean isAncestor(Repo repo, CommitId ancestor, CommitId from) {
        return ancestor.equals(mergeBase(repo, ancestor, from));
    }

    Page<Commit> log(Repo repo, CommitId start, LogRequest request) {
        PriorityQueue<Commit> queue = new PriorityQueue<>(NEWEST_FIRST);
        Set<CommitId> queued = new HashSet<>();
        queue.add(refs.commit(repo.record(), start));
        queued.add(start);
        boolean skipping = !request.after().isEmpty();
        List<Commit> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            Commit c = queue.poll();
            List<CommitId> next = request.firstParent() && !c.parents().isEmpty() ? List.of(c.parents().get(0)) : c.parents();
            for (CommitId p : next) {
                if (queued.add(p)) {
                    queue.add(refs.commit(repo.record(), p));
                }
            }
            if (skipping) {
                skipping = !c.id().value().equals(request.after());
                continue;
            }
            if (request.filtered() && !touches(repo, c, request)) {
                continue;
            }
            if (out.size() == request.amount()) {
                return new Page<>(out, true, out.get(out.size() - 1).id().value());
            }
            out.add(c);
        }
        if (skipping) {
            throw new io.tarn.api.InvalidArgumentException("after", request.after(), "it is not a commit in this log");
        }
        return Page.last(out);
    }

    /** Whether the commit changed any of the request's paths (a trailing '/' makes a prefix) or prefixes against its first parent. */
    private boolean touches(Repo repo, Commit c, LogRequest request) {
        MetaRange tree = ranges.metaRange(repo.ns(), c.metaRangeId());
        MetaRange parent = c.parents().isEmpty() ? MetaRange.empty()
                : ranges.metaRange(repo.ns(), refs.commit(repo.record(), c.parents().get(0)).metaRangeId());
        if (tree.id().equals(parent.id())) {
            return false;
        }
        for (String path : request.paths()) {
            if (touches(repo, tree, parent, path, path.endsWith("/") || path.isEmpty())) {
                return true;
            }
        }
        for (String prefix : request.prefixes()) {
            if (touches(repo, tree, parent, prefix, true)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a path (or every path under a prefix) differs between the two trees. */
    private boolean touches(Repo repo, MetaRange tree, MetaRange parent, String path, boolean prefix) {
        if (sameRanges(overlapping(tree, path, prefix), overlapping(parent, path, prefix))) {
            return false; // the ranges that could hold the path are the same files: nothing to read
        }
        TreeDiff diff = new TreeDiff(ranges, repo.ns(), parent, tree, path, "");
        while (diff.hasNext()) {
            String key = diff.next().key();
            if (prefix || key.equals(path)) {
                return true;
            }
            if (KeyOrder.compare(key, path) > 0) {
                return false;
            }
        }
        return false;
    }

    /** The ranges whose key span meets the path (or the prefix's span). */
    private static List<String> overlapping(MetaRange tree, String path, boolean prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = tree.firstRangeEndingAtOrAfter(path); i < tree.ranges().size(); i++) {
            RangeInfo r = tree.ranges().get(i);
            boolean startsBeyond = prefix ? !r.minKey().startsWith(path) && KeyOrder.compare(r.minKey(), path) > 0
                    : KeyOrder.compare(r.minKey(), path) > 0;
            if (startsBeyond) {
                break;
            }
            ids.add(r.id());
        }
        return ids;
    }

    private static boolean sameRanges(List<String> a, List<String> b) {
        return a.equals(b);
    }
}
