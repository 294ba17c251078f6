package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.Entry;
import io.tarn.api.StorageFailureException;
import io.tarn.blockstore.local.LocalBlockStore;
import io.tarn.blockstore.local.LocalBlockStoreConfig;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.ByteRange;
import io.tarn.blockstore.spi.ListPage;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeStoreTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;
    LocalBlockStore local;
    CountingBlockStore blocks;
    Namespace ns;

    @BeforeEach
    void open() {
        local = LocalBlockStore.open(new LocalBlockStoreConfig(dir.resolve("blocks")));
        blocks = new CountingBlockStore(local);
        ns = new Namespace(blocks, Location.of("local://repo"));
    }

    @AfterEach
    void close() {
        local.close();
    }

    @Test
    void rangeIsReadableFromANewStoreOverTheSameCacheDirWithoutFetchingIt() {
        Range range = range("a", 10);
        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            store.putRange(ns, range);
        }

        try (RangeStore reopened = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            assertThat(reopened.range(ns, range.id()).info()).isEqualTo(range.info());
        }
        assertThat(blocks.gets).isEmpty();
    }

    @Test
    void rangeComesBackFromTheBlockstoreAfterTheCacheDirIsWiped() throws IOException {
        Range range = range("a", 10);
        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            store.putRange(ns, range);
        }
        deleteRecursively(dir.resolve("cache"));

        try (RangeStore reopened = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            Range read = reopened.range(ns, range.id());

            assertThat(read.id()).isEqualTo(range.id());
            assertThat(read.entry(3)).isEqualTo(range.entry(3));
        }
        assertThat(blocks.gets).containsExactly(ns.range(range.id()));
    }

    @Test
    void metaRangeIsReadableFromAStoreWithAnEmptyCache() {
        MetaRange tree = MetaRange.of(List.of(range("a", 3).info(), range("b", 3).info()));
        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            store.putMetaRange(ns, tree);
        }

        try (RangeStore fresh = new RangeStore(dir.resolve("other-cache"), 64 * MIB, 64 * MIB)) {
            assertThat(fresh.metaRange(ns, tree.id())).isEqualTo(tree);
        }
    }

    @Test
    void diskCacheNeverHoldsMoreThanItsBudget() throws IOException {
        Path cache = dir.resolve("cache");
        try (RangeStore store = new RangeStore(cache, MIB, 64 * MIB)) {
            for (int i = 0; i < 40; i++) {
                store.putRange(ns, range(String.format("r%02d", i), 500));
                assertThat(cachedBytes(cache)).as("after %d ranges", i + 1).isLessThanOrEqualTo(MIB);
            }
        }

        assertThat(storedBytes()).as("the ranges written exceed the budget").isGreaterThan(3 * MIB / 2);
        assertThat(cachedFiles(cache)).as("the cache still holds the most recent files").isGreaterThan(1);
    }

    @Test
    void reopeningTrimsTheDiskCacheToTheNewBudget() throws IOException {
        Path cache = dir.resolve("cache");
        try (RangeStore store = new RangeStore(cache, 64 * MIB, 64 * MIB)) {
            for (int i = 0; i < 20; i++) {
                store.putRange(ns, range(String.format("r%02d", i), 500));
            }
        }
        assertThat(cachedBytes(cache)).isGreaterThan(MIB);

        new RangeStore(cache, MIB, 64 * MIB).close();

        assertThat(cachedBytes(cache)).isLessThanOrEqualTo(MIB);
    }

    @Test
    void rangeLargerThanTheDiskBudgetIsStillStored() {
        Range range = range("big", 800);

        try (RangeStore tiny = new RangeStore(dir.resolve("cache"), 1024, 64 * MIB)) {
            tiny.putRange(ns, range);
        }

        assertThat(local.stat(ns.range(range.id())).size()).isPositive();
    }

    @Test
    void rangeLargerThanTheDiskBudgetIsReadableFromTheBlockstore() {
        Range range = range("big", 800);
        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            store.putRange(ns, range);
        }

        try (RangeStore tiny = new RangeStore(dir.resolve("tiny-cache"), 1024, 64 * MIB)) {
            assertThat(tiny.range(ns, range.id()).id()).isEqualTo(range.id());
        }
    }

    @Test
    void rangeMissingFromBlockstoreAndCacheFailsNamingTheLocation() {
        String id = range("never-stored", 1).id();

        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            assertThatThrownBy(() -> store.range(ns, id))
                    .isInstanceOf(StorageFailureException.class)
                    .hasMessageContaining(ns.range(id).toString())
                    .hasMessageContaining("missing");
        }
    }

    @Test
    void metaRangeMissingFromBlockstoreAndCacheFailsNamingTheLocation() {
        String id = MetaRange.of(List.of(range("a", 1).info())).id();

        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            assertThatThrownBy(() -> store.metaRange(ns, id))
                    .isInstanceOf(StorageFailureException.class)
                    .hasMessageContaining(ns.metaRange(id).toString());
        }
    }

    @Test
    void fileHoldingAnotherRangeThanItsNameFailsNamingBothIds() throws IOException {
        Range a = range("a", 5);
        Range b = range("b", 5);
        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            store.putRange(ns, a);
        }
        byte[] fileOfA;
        try (InputStream in = local.get(ns.range(a.id()))) {
            fileOfA = in.readAllBytes();
        }
        local.put(ns.range(b.id()), new ByteArrayInputStream(fileOfA), fileOfA.length, PutOptions.DEFAULT);

        try (RangeStore fresh = new RangeStore(dir.resolve("other-cache"), 64 * MIB, 64 * MIB)) {
            assertThatThrownBy(() -> fresh.range(ns, b.id()))
                    .isInstanceOf(StorageFailureException.class)
                    .hasMessageContaining(a.id())
                    .hasMessageContaining(b.id());
        }
    }

    @Test
    void puttingTheSameRangeTwiceUploadsItOnce() {
        Range range = range("a", 10);

        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            store.putRange(ns, range);
            store.putRange(ns, range);
        }

        assertThat(blocks.puts).containsExactly(ns.range(range.id()));
    }

    @Test
    void aNewStoreDoesNotUploadARangeAlreadyInTheNamespace() {
        Range range = range("a", 10);
        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            store.putRange(ns, range);
        }

        try (RangeStore fresh = new RangeStore(dir.resolve("other-cache"), 64 * MIB, 64 * MIB)) {
            fresh.putRange(ns, range);
        }

        assertThat(blocks.puts).hasSize(1);
    }

    @Test
    void aRangeIsUploadedToEveryNamespaceThatStoresIt() {
        Range range = range("a", 10);
        Namespace other = new Namespace(blocks, Location.of("local://other-repo"));

        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            store.putRange(ns, range);
            store.putRange(other, range);
        }

        assertThat(blocks.puts).containsExactly(ns.range(range.id()), other.range(range.id()));
    }

    @Test
    void aRangePutIsInTheNamespaceWhenPutReturns() throws IOException {
        Range range = range("a", 10);

        try (RangeStore store = new RangeStore(dir.resolve("cache"), 64 * MIB, 64 * MIB)) {
            store.putRange(ns, range);
        }

        Path copy = dir.resolve("copy.parquet");
        try (InputStream in = local.get(ns.range(range.id()))) {
            Files.copy(in, copy);
        }
        assertThat(RangeFiles.read(copy).id()).isEqualTo(range.id());
    }

    /** {@code records} records with keys {@code prefix/NNNNNN} and random, hardly compressible addresses. */
    static Range range(String prefix, int records) {
        Random random = new Random(prefix.hashCode());
        Range.Builder builder = Range.builder();
        for (int i = 0; i < records; i++) {
            String key = String.format("%s/%06d", prefix, i);
            builder.add(key, new Entry("data/" + randomHex(random, 40), random.nextInt(1 << 20), randomHex(random, 32), Map.of(),
                    "application/octet-stream", Map.of(), Map.of(), Instant.ofEpochMilli(1_767_225_600_000L + i)));
        }
        return builder.build();
    }

    private static String randomHex(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    private long storedBytes() {
        return local.listAll(ns.root().resolve("_tarn/ranges/")).mapToLong(ObjectStat::size).sum();
    }

    private static long cachedBytes(Path cache) throws IOException {
        return cachedFileStream(cache).mapToLong(p -> {
            try {
                return Files.size(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
    }

    private static long cachedFiles(Path cache) throws IOException {
        return cachedFileStream(cache).count();
    }

    private static Stream<Path> cachedFileStream(Path cache) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String kind : List.of("ranges", "metaranges")) {
            Path d = cache.resolve(kind);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.forEach(files::add);
                }
            }
        }
        return files.stream();
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A blockstore that records the locations of every put and get, delegating to another. */
    static final class CountingBlockStore implements BlockStore {
        final Queue<Location> puts = new ConcurrentLinkedQueue<>();
        final Queue<Location> gets = new ConcurrentLinkedQueue<>();
        private final BlockStore delegate;

        CountingBlockStore(BlockStore delegate) {
            this.delegate = delegate;
        }

        /** The gets of range files (not metaranges). */
        long rangeGets() {
            return gets.stream().filter(l -> l.path().contains("_tarn/ranges/")).count();
        }

        @Override
        public String type() {
            return delegate.type();
        }

        @Override
        public ObjectStat put(Location location, InputStream data, long length, PutOptions options) {
            puts.add(location);
            return delegate.put(location, data, length, options);
        }

        @Override
        public InputStream get(Location location) {
            gets.add(location);
            return delegate.get(location);
        }

        @Override
        public InputStream get(Location location, ByteRange range) {
            gets.add(location);
            return delegate.get(location, range);
        }

        @Override
        public ObjectStat stat(Location location) {
            return delegate.stat(location);
        }

        @Override
        public void delete(Location location) {
            delegate.delete(location);
        }

        @Override
        public ListPage list(Location prefix, Location startAfter, int maxKeys) {
            return delegate.list(prefix, startAfter, maxKeys);
        }

        @Override
        public void close() {
            // the delegate belongs to the test
        }
    }
}
