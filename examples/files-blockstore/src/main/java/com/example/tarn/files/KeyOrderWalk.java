package com.example.tarn.files;

import io.tarn.blockstore.spi.ObjectStat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One page of a listing, found by a depth-first walk of an authority's directory that yields the
 * objects in ascending unsigned byte order of their UTF-8 keys, as the SPI requires.
 *
 * <p>Why a sorted walk gives that order: every entry of a directory stands for key bytes
 * ({@link FileLayout#decode}) that extend its directory's. A file's key is exactly its bytes; a
 * continuation directory holds keys that start with its bytes and are longer. Sorting a directory's
 * entries by their bytes, a file before a directory with the same bytes (a key sorts before its
 * extensions), and descending into each directory where it stands, therefore visits every key in
 * order. Directories that cannot hold a key of the page (outside the prefix, or wholly before
 * start-after) are skipped without being read.
 *
 * <p>Each call walks from the top: a listing keeps no state between pages, so pages stay correct
 * while objects are written and deleted. Not thread-safe; one instance per page.
 */
final class KeyOrderWalk {
    /** Reads one listed file: its stat, or {@code null} to leave it out (gone meanwhile, or not the store's). */
    @FunctionalInterface
    interface ObjectReader {
        ObjectStat read(Path file, byte[] key) throws IOException;
    }

    private static final Comparator<FileLayout.Entry> KEY_ORDER = Comparator
            .comparing(FileLayout.Entry::label, Arrays::compareUnsigned)
            .thenComparing(FileLayout.Entry::continuation);

    private final byte[] prefix;
    private final byte[] startAfter;
    private final int limit;
    private final ObjectReader reader;
    private final List<ObjectStat> found = new ArrayList<>();

    private KeyOrderWalk(byte[] prefix, byte[] startAfter, int limit, ObjectReader reader) {
        this.prefix = prefix;
        this.startAfter = startAfter;
        this.limit = limit;
        this.reader = reader;
    }

    /**
     * Up to {@code limit} objects below {@code directory} whose keys start with {@code prefix} and
     * come strictly after {@code startAfter} ({@code null}: from the first), in key order.
     */
    static List<ObjectStat> walk(Path directory, byte[] prefix, byte[] startAfter, int limit, ObjectReader reader) throws IOException {
        KeyOrderWalk walk = new KeyOrderWalk(prefix, startAfter, limit, reader);
        walk.visit(directory, new byte[0]);
        return walk.found;
    }

    /** Visits one directory whose entries extend {@code above}; false once the page is full. */
    private boolean visit(Path directory, byte[] above) throws IOException {
        for (FileLayout.Entry entry : sortedEntries(directory)) {
            byte[] key = concat(above, entry.label());
            if (entry.continuation()) {
                if (mayHoldMatches(key) && !visit(entry.path(), key)) {
                    return false;
                }
            } else if (FileLayout.startsWith(key, prefix) && isAfterStart(key)) {
                ObjectStat stat = reader.read(entry.path(), key);
                if (stat != null) {
                    found.add(stat);
                    if (found.size() == limit) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Whether keys extending {@code key} (longer than it) can match the prefix and come after start-after. */
    private boolean mayHoldMatches(byte[] key) {
        boolean prefixFits = FileLayout.startsWith(key, prefix) || FileLayout.startsWith(prefix, key);
        boolean reachesStart = startAfter == null || Arrays.compareUnsigned(key, startAfter) >= 0 || FileLayout.startsWith(startAfter, key);
        return prefixFits && reachesStart;
    }

    private boolean isAfterStart(byte[] key) {
        return startAfter == null || Arrays.compareUnsigned(key, startAfter) > 0;
    }

    private static List<FileLayout.Entry> sortedEntries(Path directory) throws IOException {
        List<FileLayout.Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(directory)) {
            for (Path path : names) {
                FileLayout.Entry entry = FileLayout.decode(path);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of(); // Nothing was ever written here (or something not ours was).
        }
        entries.sort(KEY_ORDER);
        return entries;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
