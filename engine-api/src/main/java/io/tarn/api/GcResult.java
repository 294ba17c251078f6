package io.tarn.api;

import java.util.List;
import java.util.Objects;

/**
 * What a garbage collection run found (dry run) or deleted.
 *
 * @param files the unreferenced files older than the grace period, in location order
 * @param totalBytes their summed size
 * @param retainedCommits how many commits the retention rules kept
 * @param failures files that could not be deleted, with the reason (empty on a dry run)
 */
public record GcResult(boolean dryRun, List<GarbageFile> files, long totalBytes, long retainedCommits, List<String> failures) {
    public GcResult {
        files = List.copyOf(files);
        failures = List.copyOf(failures);
    }

    /** One unreferenced file. */
    public record GarbageFile(String location, Kind kind, long size) {
        /** What the file held. */
        public enum Kind { OBJECT, RANGE, METARANGE }

        public GarbageFile {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(kind, "kind");
        }
    }
}
