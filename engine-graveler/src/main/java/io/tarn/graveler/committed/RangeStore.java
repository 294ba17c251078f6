package io.tarn.graveler.committed;

import io.tarn.api.StorageFailureException;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where committed trees are kept: range and metarange files in each repository's storage namespace,
 * a size-bounded cache of those files on local disk, and byte-bounded caches of decoded ranges and
 * metaranges in memory.
 *
 * <p>Files are content-addressed and immutable, so any copy with the right id is the right one: the
 * caches are shared by all repositories, and a file already stored under its id is never written
 * again. Every file is in the storage namespace before {@link #putRange}/{@link #putMetaRange}
 * return, so a commit that names it can be written next. Thread-safe.
 */
public final class RangeStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RangeStore.class);
    private static final long METARANGE_WEIGHT_PER_RANGE = 256;

    private final Path cacheDir;
    private final DiskCache disk;
    private final ByteBoundedCache<String, Range> ranges;
    private final ByteBoundedCache<String, MetaRange> metaRanges;
    private final ByteBoundedCache<String, Boolean> stored = new ByteBoundedCache<>(1_000_000, v -> 1);

    /**
     * @param cacheDir a directory of its own for cached files (created if missing)
     * @param diskCacheBytes how many bytes of files to keep there
     * @param memoryCacheBytes how many heap bytes of decoded ranges to keep
     */
    public RangeStore(Path cacheDir, long diskCacheBytes, long memoryCacheBytes) {
        this.cacheDir = cacheDir;
        try {
            Files.createDirectories(cacheDir.resolve("tmp"));
            try (Stream<Path> stale = Files.list(cacheDir.resolve("tmp"))) {
                for (Path p : (Iterable<Path>) stale::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the range cache directory " + cacheDir + ": " + e.getMessage(), e);
        }
        this.disk = new DiskCache(cacheDir, diskCacheBytes);
        this.ranges = new ByteBoundedCache<>(memoryCacheBytes, Range::heapBytes);
        this.metaRanges = new ByteBoundedCache<>(Math.max(memoryCacheBytes / 8, 1 << 20),
                m -> 128 + m.ranges().size() * METARANGE_WEIGHT_PER_RANGE);
    }

    /**
     * The range with this id.
     *
     * @throws StorageFailureException when it cannot be read, or its content does not match its id
     */
    public Range range(Namespace ns, String id) {
        Range cached = ranges.get(id);
        if (cached != null) {
            return cached;
        }
        Range range = load(ns, ns.range(id), "ranges", id, RangeFiles::read);
        if (!range.id().equals(id)) {
            throw new StorageFailureException(ns.store().type(), "range file " + ns.range(id) + " holds range " + range.id() + ", not " + id, null);
        }
        ranges.put(id, range);
        return range;
    }

    public MetaRange metaRange(Namespace ns, String id) {
        MetaRange cached = metaRanges.get(id);
        if (cached != null) {
            return cached;
        }
        MetaRange metaRange = load(ns, ns.metaRange(id), "metaranges", id, RangeFiles::readMetaRange);
        if (!metaRange.id().equals(id)) {
            throw new StorageFailureException(ns.store().type(), "metarange file " + ns.metaRange(id) + " holds metarange " + metaRange.id() + ", not " + id, null);
        }
        metaRanges.put(id, metaRange);
        return metaRange;
    }

    /** Stores the range in the namespace (unless it is there already) and caches it. */
    public void putRange(Namespace ns, Range range) {
        store(ns, ns.range(range.id()), "ranges", range.id(), file -> RangeFiles.write(range, file));
        ranges.put(range.id(), range);
    }

    public void putMetaRange(Namespace ns, MetaRange metaRange) {
        store(ns, ns.metaRange(metaRange.id()), "metaranges", metaRange.id(), file -> RangeFiles.writeMetaRange(metaRange, file));
        metaRanges.put(metaRange.id(), metaRange);
    }

    /** Cache statistics, for logs and benchmarks. */
    public String stats() {
        return "ranges in memory: " + ranges.stats() + "; on disk: " + disk.stats();
    }

    private interface FileWriter {
        void write(Path file);
    }

    private interface FileReader<T> {
        T read(Path file);
    }

    private void store(Namespace ns, Location location, String kind, String id, FileWriter writer) {
        String storedKey = location.toString();
        if (stored.get(storedKey) != null) {
            return;
        }
        try {
            if (!exists(ns, location)) {
                // Upload from a file of our own: the cached copy may be evicted at any moment.
                Path tmp = tempFile();
                try {
                    writer.write(tmp);
                    try (InputStream in = Files.newInputStream(tmp)) {
                        ns.store().put(location, in, Files.size(tmp), PutOptions.DEFAULT);
                    }
                    if (!disk.contains(kind, id)) {
                        disk.add(kind, id, tmp);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            stored.put(storedKey, Boolean.TRUE);
        } catch (IOException e) {
            throw new StorageFailureException("local cache", "cannot write " + kind + " file " + id + ": " + e.getMessage(), e);
        } catch (BlockStoreException e) {
            throw new StorageFailureException(ns.store().type(), "cannot store " + location + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Namespace ns, Location location) {
        try {
            ns.store().stat(location);
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    private <T> T load(Namespace ns, Location location, String kind, String id, FileReader<T> reader) {
        for (int attempt = 0; ; attempt++) {
            try {
                if (disk.contains(kind, id)) {
                    return reader.read(disk.path(kind, id));
                }
                Path tmp = tempFile();
                try {
                    try (InputStream in = ns.store().get(location)) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                    T value = reader.read(tmp); // before caching: the cached copy may be evicted at once
                    disk.add(kind, id, tmp);
                    return value;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (ObjectNotFoundException e) {
                throw new StorageFailureException(ns.store().type(), "the " + kind.substring(0, kind.length() - 1) + " file " + location
                        + " is missing (was it garbage-collected or deleted by hand?)", e);
            } catch (BlockStoreException e) {
                throw new StorageFailureException(ns.store().type(), "cannot read " + location + ": " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof NoSuchFileException && attempt == 0) {
                    disk.forget(kind, id); // evicted between the check and the read: fetch it again
                    continue;
                }
                throw new StorageFailureException(ns.store().type(), "cannot read " + location + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new StorageFailureException(ns.store().type(), "cannot fetch " + location + " into the cache: " + e.getMessage(), e);
            }
        }
    }

    private Path tempFile() {
        return cacheDir.resolve("tmp").resolve(UUID.randomUUID() + ".parquet");
    }

    @Override
    public void close() {
        LOG.debug("Range store closing: {}", stats());
    }

    /** Cached files by kind and id, deleted least recently used first once over the byte budget. */
    private static final class DiskCache {
        private static final String SUFFIX = ".parquet";
        private final Path root;
        private final ByteBoundedCache<String, Long> files;

        DiskCache(Path root, long capacity) {
            this.root = root;
            this.files = new ByteBoundedCache<>(capacity, Long::longValue, (name, size) -> delete(root.resolve(name)));
            for (String kind : List.of("ranges", "metaranges")) {
                Path dir = root.resolve(kind);
                try {
                    Files.createDirectories(dir);
                    try (Stream<Path> existing = Files.list(dir)) {
                        existing.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                                .sorted(Comparator.comparing(DiskCache::modified))
                                .forEach(p -> files.put(kind + "/" + p.getFileName(), size(p)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot use the range cache directory " + dir + ": " + e.getMessage(), e);
                }
            }
        }

        Path path(String kind, String id) {
            return root.resolve(kind).resolve(id + SUFFIX);
        }

        boolean contains(String kind, String id) {
            return files.get(kind + "/" + id + SUFFIX) != null;
        }

        void add(String kind, String id, Path tmp) throws IOException {
            Path target = path(kind, id);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            files.put(kind + "/" + id + SUFFIX, Files.size(target));
        }

        void forget(String kind, String id) {
            files.remove(kind + "/" + id + SUFFIX);
        }

        String stats() {
            return files.stats();
        }

        private static void delete(Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("Cannot delete cached file {}: {}", p, e.getMessage());
            }
        }

        private static long size(Path p) {
            try {
                return Files.size(p);
            } catch (IOException e) {
                return 0;
            }
        }

        private static FileTime modified(Path p) {
            try {
                return Files.getLastModifiedTime(p);
            } catch (IOException e) {
                return FileTime.fromMillis(0);
            }
        }
    }
}
