package io.tarn.graveler;

import io.tarn.api.Entry;
import io.tarn.api.ListRequest;
import io.tarn.api.ObjectListing;
import io.tarn.graveler.committed.Change;
import io.tarn.graveler.committed.EntryCodec;
import io.tarn.graveler.committed.KeyOrder;
import io.tarn.graveler.committed.MetaRange;
import io.tarn.graveler.committed.Range;
import io.tarn.graveler.committed.RangeStore;
import io.tarn.graveler.committed.TreeCursor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reads objects of a resolved ref: a branch's staged changes (staging token, then sealed tokens)
 * over its head commit's tree, or a commit's tree alone. Thread-safe.
 */
final class ObjectReader {
    /** The largest code point: a key made of a prefix and this sorts after the prefix's other keys. */
    private static final String MAX_CHAR = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final RefStore refs;
    private final Staging staging;
    private final RangeStore ranges;

    ObjectReader(RefStore refs, Staging staging, RangeStore ranges) {
        this.refs = refs;
        this.staging = staging;
        this.ranges = ranges;
    }

    MetaRange tree(Repo repo, io.tarn.api.CommitId commit) {
        return ranges.metaRange(repo.ns(), refs.commit(repo.record(), commit).metaRangeId());
    }

    Optional<Entry> stat(Repo repo, ResolvedRef ref, String path) {
        if (ref.readsStaging()) {
            for (String token : ref.branchRecord().readTokens()) {
                Optional<Staging.Staged> staged = staging.get(repo.uid(), token, path);
                if (staged.isPresent()) {
                    return Optional.ofNullable(staged.get().entry());
                }
            }
        }
        return committed(repo, tree(repo, ref.commit()), path);
    }

    Optional<Entry> committed(Repo repo, MetaRange tree, String path) {
        int r = tree.rangeFor(path);
        if (r < 0) {
            return Optional.empty();
        }
        Range range = ranges.range(repo.ns(), tree.ranges().get(r).id());
        int i = range.indexOf(path);
        return i < 0 ? Optional.empty() : Optional.of(range.entry(i));
    }

    /** Every record of the ref under {@code prefix} after {@code after}, staged changes (with tombstones) over committed ones. */
    Overlay records(Repo repo, ResolvedRef ref, String prefix, String after) {
        List<Iterator<Change>> sources = new ArrayList<>();
        List<AutoCloseable> closeables = new ArrayList<>();
        if (ref.readsStaging()) {
            for (String token : ref.branchRecord().readTokens()) {
                Staging.Scan scan = staging.scan(repo.uid(), token, prefix, after);
                closeables.add(scan);
                sources.add(new StagedChanges(scan));
            }
        }
        sources.add(committedChanges(repo, tree(repo, ref.commit()), prefix, after));
        return new Overlay(sources, closeables);
    }

    /** The staged changes of the tokens, newest first, as one sorted source (with tombstones). */
    Overlay staged(Repo repo, List<String> tokens, String prefix, String after) {
        List<Iterator<Change>> sources = new ArrayList<>();
        List<AutoCloseable> closeables = new ArrayList<>();
        for (String token : tokens) {
            Staging.Scan scan = staging.scan(repo.uid(), token, prefix, after);
            closeables.add(scan);
            sources.add(new StagedChanges(scan));
        }
        return new Overlay(sources, closeables);
    }

    Iterator<Change> committedChanges(Repo repo, MetaRange tree, String prefix, String after) {
        TreeCursor cursor = new TreeCursor(ranges, repo.ns(), tree);
        if (KeyOrder.compare(after, prefix) >= 0) {
            cursor.seek(after, after.isEmpty());
        } else {
            cursor.seek(prefix, true);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.valid() && cursor.key().startsWith(prefix);
            }

            @Override
            public Change next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Change c = Change.of(cursor.range(), cursor.index());
                cursor.advance();
                return c;
            }
        };
    }

    ObjectListing list(Repo repo, ResolvedRef ref, ListRequest request) {
        String prefix = request.prefix();
        String delimiter = request.delimiter();
        String after = request.after();
        List<ObjectListing.PathEntry> objects = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        String last = null;
        String rolledUp = null;
        // With a delimiter, `after` may be a common prefix from the previous page: skip what it covers.
        if (!delimiter.isEmpty() && after.startsWith(prefix) && after.endsWith(delimiter)
                && after.indexOf(delimiter, prefix.length()) == after.length() - delimiter.length()) {
            rolledUp = after;
            after = after + MAX_CHAR;
        }
        while (true) {
            boolean restart = false;
            try (Overlay records = records(repo, ref, prefix, after)) {
                while (records.hasNext()) {
                    Change c = records.next();
                    if (c.isDelete() || rolledUp != null && c.key().startsWith(rolledUp)) {
                        continue;
                    }
                    if (objects.size() + commonPrefixes.size() == request.amount()) {
                        return new ObjectListing(objects, commonPrefixes, true, last);
                    }
                    int d = delimiter.isEmpty() ? -1 : c.key().indexOf(delimiter, prefix.length());
                    if (d < 0) {
                        objects.add(new ObjectListing.PathEntry(c.key(), EntryCodec.decode(c.encodedEntry())));
                        last = c.key();
                        continue;
                    }
                    rolledUp = c.key().substring(0, d + delimiter.length());
                    commonPrefixes.add(rolledUp);
                    last = rolledUp;
                    after = rolledUp + MAX_CHAR; // jump past everything under the common prefix
                    restart = true;
                    break;
                }
            }
            if (!restart) {
                return new ObjectListing(objects, commonPrefixes, false, null);
            }
        }
    }

    /** Staged changes as tree changes (tombstones become deletions). */
    private static final class StagedChanges implements Iterator<Change> {
        private final Staging.Scan scan;

        StagedChanges(Staging.Scan scan) {
            this.scan = scan;
        }

        @Override
        public boolean hasNext() {
            return scan.hasNext();
        }

        @Override
        public Change next() {
            return scan.next().toChange();
        }
    }
}
