package io.tarn.blockstore.local;

import io.tarn.blockstore.local.KeyCodec.Entry;
import io.tarn.blockstore.local.KeyCodec.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The object files below the root in ascending unsigned byte order of their keys, restricted to a
 * prefix and to keys after a start-after value, found lazily: a directory is read only when the walk
 * reaches it, so a page costs the directories on its way, not the whole tree.
 *
 * <p>Each directory's entries are decoded ({@link KeyCodec#decode}) into the key bytes they cover and
 * sorted by them. Entries whose covered keys cannot reach the prefix, or all lie at or before
 * start-after, are skipped without being opened. Sibling entries cover disjoint, ordered key ranges
 * except where one's bytes are a prefix of another's and the first can hold longer keys: only a
 * continuation directory can (a file is one key; a directory's bytes end in {@code /}, which no
 * sibling's contain). Such runs of siblings are merged key by key; all others are simply concatenated.
 *
 * <p>Entries the store did not write (undecodable names, links, special files, non-canonical paths)
 * are skipped. Files that vanish during the walk are skipped. Other I/O errors surface as
 * {@link UncheckedIOException}. Not thread-safe; the walk sees concurrent writes or not.
 */
final class KeyOrderWalk implements Iterator<KeyOrderWalk.Leaf> {
    private static final Comparator<byte[]> BYTES = Arrays::compareUnsigned;
    private static final Comparator<Child> CHILD_ORDER = Comparator.<Child, byte[]>comparing(Child::covered, BYTES)
            .thenComparing(child -> child.kind() != Kind.FILE);

    /** An object file found by the walk. */
    record Leaf(byte[] keyBytes, String key, Path file, BasicFileAttributes attributes) {
    }

    private record Child(Path path, Kind kind, byte[] covered) {
    }

    private final Path root;
    private final byte[] prefix;
    private final byte[] startAfter;
    private final Iterator<Leaf> walk;

    /** @param startAfter only keys strictly after these bytes, or {@code null} */
    KeyOrderWalk(Path root, byte[] prefix, byte[] startAfter) {
        this.root = root;
        this.prefix = prefix;
        this.startAfter = startAfter;
        this.walk = lazy(() -> directory(root, new byte[0]));
    }

    @Override
    public boolean hasNext() {
        return walk.hasNext();
    }

    @Override
    public Leaf next() {
        return walk.next();
    }

    private Iterator<Leaf> directory(Path directory, byte[] covered) {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                Entry decoded = KeyCodec.decode(entry.getFileName().toString());
                if (decoded == null) {
                    continue;
                }
                byte[] bytes = concat(covered, decoded.label());
                if (reachable(decoded.kind(), bytes)) {
                    children.add(new Child(entry, decoded.kind(), bytes));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException gone) {
            return Collections.emptyIterator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        children.sort(CHILD_ORDER);
        return new Siblings(children);
    }

    /** Whether an entry covering {@code bytes} may hold a key inside the prefix and after start-after. */
    private boolean reachable(Kind kind, byte[] bytes) {
        if (kind == Kind.FILE) {
            return startsWith(bytes, prefix) && (startAfter == null || BYTES.compare(bytes, startAfter) > 0);
        }
        boolean meetsPrefix = startsWith(bytes, prefix) || startsWith(prefix, bytes);
        boolean passesStartAfter = startAfter == null || startsWith(startAfter, bytes) || BYTES.compare(bytes, startAfter) > 0;
        return meetsPrefix && passesStartAfter;
    }

    private Iterator<Leaf> open(Child child) {
        if (child.kind() == Kind.FILE) {
            return lazy(() -> leaf(child));
        }
        return lazy(() -> {
            try {
                BasicFileAttributes attributes = RootDirectory.attributesOrNull(child.path());
                if (attributes == null || !attributes.isDirectory()) {
                    return Collections.emptyIterator();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return directory(child.path(), child.covered());
        });
    }

    private Iterator<Leaf> leaf(Child child) {
        try {
            BasicFileAttributes attributes = RootDirectory.attributesOrNull(child.path());
            String key = KeyCodec.keyString(child.covered());
            if (attributes == null || !attributes.isRegularFile() || key == null || !isCanonical(child)) {
                return Collections.emptyIterator();
            }
            return List.of(new Leaf(child.covered(), key, child.path(), attributes)).iterator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the store would put this key exactly here (chunk boundaries included). */
    private boolean isCanonical(Child child) {
        Path expected = root;
        for (String name : KeyCodec.names(child.covered())) {
            expected = expected.resolve(name);
        }
        return expected.equals(child.path());
    }

    /** A directory's sorted children, concatenated, except that overlapping runs are merged. */
    private final class Siblings implements Iterator<Leaf> {
        private final List<Child> children;
        private int next;
        private Iterator<Leaf> current = Collections.emptyIterator();

        Siblings(List<Child> children) {
            this.children = children;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (next >= children.size()) {
                    return false;
                }
                int end = runEnd(next);
                current = end - next == 1 ? open(children.get(next)) : new Merge(children.subList(next, end));
                next = end;
            }
            return true;
        }

        @Override
        public Leaf next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        /** The end of the run starting at {@code start}: siblings extending a continuation in the run join it. */
        private int runEnd(int start) {
            List<byte[]> continuations = new ArrayList<>();
            int end = start;
            do {
                Child child = children.get(end);
                if (child.kind() == Kind.CONTINUATION) {
                    continuations.add(child.covered());
                }
                end++;
            } while (end < children.size() && extendsAny(children.get(end).covered(), continuations));
            return end;
        }
    }

    /** A k-way merge of sibling walks whose key ranges interleave. */
    private final class Merge implements Iterator<Leaf> {
        private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(h -> h.leaf.keyBytes(), BYTES));
        private final List<Child> pending;

        Merge(List<Child> children) {
            this.pending = new ArrayList<>(children);
        }

        @Override
        public boolean hasNext() {
            if (!pending.isEmpty()) {
                pending.forEach(child -> advance(open(child)));
                pending.clear();
            }
            return !heads.isEmpty();
        }

        @Override
        public Leaf next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Head head = heads.poll();
            advance(head.rest);
            return head.leaf;
        }

        private void advance(Iterator<Leaf> walk) {
            if (walk.hasNext()) {
                heads.add(new Head(walk.next(), walk));
            }
        }
    }

    private record Head(Leaf leaf, Iterator<Leaf> rest) {
    }

    /** An iterator created on first use. */
    private static Iterator<Leaf> lazy(Supplier<Iterator<Leaf>> source) {
        return new Iterator<>() {
            private Iterator<Leaf> delegate;

            @Override
            public boolean hasNext() {
                if (delegate == null) {
                    delegate = source.get();
                }
                return delegate.hasNext();
            }

            @Override
            public Leaf next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return delegate.next();
            }
        };
    }

    private static boolean extendsAny(byte[] bytes, List<byte[]> prefixes) {
        for (byte[] p : prefixes) {
            if (startsWith(bytes, p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
