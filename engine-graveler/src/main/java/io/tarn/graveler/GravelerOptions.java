package io.tarn.graveler;

import io.tarn.graveler.committed.RangeSplitPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How the engine is tuned.
 *
 * @param cacheDir a directory of its own for cached range files
 * @param diskCacheBytes bytes of range files kept on local disk
 * @param memoryCacheBytes heap bytes of decoded ranges kept in memory
 * @param splitPolicy where committed ranges end
 * @param clock the source of commit and object times
 */
public record GravelerOptions(Path cacheDir, long diskCacheBytes, long memoryCacheBytes, RangeSplitPolicy splitPolicy, Clock clock) {
    /** 1 GiB of range files on disk. */
    public static final long DEFAULT_DISK_CACHE_BYTES = 1L << 30;
    /**
     * 256 MiB of decoded ranges in memory: the ranges of about 1,000,000 committed objects, within
     * a 512 MiB heap.
     */
    public static final long DEFAULT_MEMORY_CACHE_BYTES = 256L << 20;

    public GravelerOptions {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(splitPolicy, "splitPolicy");
        Objects.requireNonNull(clock, "clock");
        if (diskCacheBytes < 1 << 20) {
            throw new IllegalArgumentException("Invalid disk cache size " + diskCacheBytes + ": it must be at least 1 MiB");
        }
        if (memoryCacheBytes < 0) {
            throw new IllegalArgumentException("Invalid memory cache size " + memoryCacheBytes + ": it cannot be negative");
        }
    }

    public static GravelerOptions defaults(Path cacheDir) {
        return new GravelerOptions(cacheDir, DEFAULT_DISK_CACHE_BYTES, DEFAULT_MEMORY_CACHE_BYTES, RangeSplitPolicy.DEFAULT, Clock.systemUTC());
    }

    public GravelerOptions withSplitPolicy(RangeSplitPolicy policy) {
        return new GravelerOptions(cacheDir, diskCacheBytes, memoryCacheBytes, policy, clock);
    }

    public GravelerOptions withClock(Clock c) {
        return new GravelerOptions(cacheDir, diskCacheBytes, memoryCacheBytes, splitPolicy, c);
    }
}
