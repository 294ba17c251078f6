package io.tarn.properties;

import io.tarn.api.BranchName;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import io.tarn.blockstore.local.LocalBlockStore;
import io.tarn.blockstore.local.LocalBlockStoreConfig;
import io.tarn.graveler.Graveler;
import io.tarn.graveler.GravelerOptions;
import io.tarn.graveler.committed.RangeSplitPolicy;
import io.tarn.graveler.meta.LmdbMetadataStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The real engine under test: {@link Graveler} over LMDB, the local blockstore and Parquet range
 * files in a directory, with a chosen range split policy. It can be closed and opened again over the
 * same directory (everything must survive), and handed to the tests through a wrapper, which is how
 * the planted-bug tests break it on purpose.
 *
 * <p>The clock moves one millisecond each time it is read, so every commit has its own creation
 * time, later than the one before: runs are reproducible, and the merge base's tie-break (the
 * commit created last) is well defined.
 */
public final class EngineUnderTest implements AutoCloseable {
    /** Tiny ranges: about every second key ends a range, so changes fall on range boundaries all the time. */
    public static final RangeSplitPolicy TINY_RANGES = new RangeSplitPolicy(2, 1 << 20);
    /** One range for any tree the tests build. */
    public static final RangeSplitPolicy ONE_RANGE = new RangeSplitPolicy(Integer.MAX_VALUE, Long.MAX_VALUE);

    private final Path dir;
    private final RangeSplitPolicy policy;
    private final UnaryOperator<VersionControl> wrapper;
    private final TickingClock clock = new TickingClock();
    private int repositories;
    private LmdbMetadataStore meta;
    private LocalBlockStore blocks;
    private Graveler graveler;
    private VersionControl engine;

    public EngineUnderTest(Path dir, RangeSplitPolicy policy, UnaryOperator<VersionControl> wrapper) {
        this.dir = dir;
        this.policy = policy;
        this.wrapper = wrapper;
        open();
    }

    public EngineUnderTest(Path dir, RangeSplitPolicy policy) {
        this(dir, policy, UnaryOperator.identity());
    }

    private void open() {
        meta = LmdbMetadataStore.open(dir.resolve("meta"));
        blocks = LocalBlockStore.open(new LocalBlockStoreConfig(dir.resolve("blocks")));
        graveler = new Graveler(meta, location -> blocks, GravelerOptions.defaults(dir.resolve("cache")).withSplitPolicy(policy)
                .withClock(clock));
        engine = wrapper.apply(graveler);
    }

    /** The engine as the tests see it (through the wrapper). */
    public VersionControl engine() {
        return engine;
    }

    /** Closes the engine and its stores and opens them again over the same directory. */
    public void reopen() {
        closeStores();
        open();
    }

    /** A fresh repository with branch {@code main}, in a namespace of its own, whose writes all write bytes. */
    public EngineRepository newRepository() {
        return newRepository(false);
    }

    /**
     * A fresh repository with branch {@code main}, in a namespace of its own.
     *
     * @param reuseEntries stage a value written before as the entry it was first written as, instead
     *     of writing its bytes again (the same content then always sits in the same record). The
     *     stateful test did, to step around an engine bug since fixed (see HistoryLawsTest's
     *     aSquashMergeThatChangesNoContentIsRefusedAsEmpty); it now writes bytes every time.
     */
    public EngineRepository newRepository(boolean reuseEntries) {
        String name = "prop-" + (++repositories);
        engine.createRepository(new RepositoryName(name), "local://" + name, new BranchName("main"));
        return new EngineRepository(this, new RepositoryName(name), reuseEntries);
    }

    /** How many range files the repository's namespace holds (to check that tiny ranges really split). */
    public long rangeFiles(RepositoryName repository) {
        try (var files = blocks.listAll(io.tarn.blockstore.spi.Location.of("local://" + repository.value() + "/_tarn/ranges/"))) {
            return files.count();
        }
    }

    private void closeStores() {
        engine.close();
        blocks.close();
        meta.close();
    }

    @Override
    public void close() {
        closeStores();
    }

    /** A clock that moves forward one millisecond each time it is read. */
    private static final class TickingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis.incrementAndGet();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }
}
