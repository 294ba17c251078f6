package io.tarn.graveler;

import io.tarn.graveler.committed.Change;
import io.tarn.graveler.committed.KeyOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Several sorted sources of changes seen as one, in key order: for a key present in several sources
 * the first source (highest priority) wins and the others are skipped. Tombstones are returned as
 * deletions; readers drop them, commits apply them. Closes its sources. Not thread-safe.
 */
final class Overlay implements Iterator<Change>, AutoCloseable {
    private final List<Iterator<Change>> sources;
    private final Change[] heads;
    private final List<AutoCloseable> closeables;
    private Change next;

    Overlay(List<Iterator<Change>> sources, List<AutoCloseable> closeables) {
        this.sources = new ArrayList<>(sources);
        this.heads = new Change[sources.size()];
        this.closeables = List.copyOf(closeables);
        for (int i = 0; i < heads.length; i++) {
            heads[i] = this.sources.get(i).hasNext() ? this.sources.get(i).next() : null;
        }
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        int winner = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null && (winner < 0 || KeyOrder.compare(heads[i].key(), heads[winner].key()) < 0)) {
                winner = i;
            }
        }
        if (winner < 0) {
            return false;
        }
        next = heads[winner];
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null && heads[i].key().equals(next.key())) {
                heads[i] = sources.get(i).hasNext() ? sources.get(i).next() : null;
            }
        }
        return true;
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

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close a staging scan: " + e.getMessage(), e);
            }
        }
    }
}
