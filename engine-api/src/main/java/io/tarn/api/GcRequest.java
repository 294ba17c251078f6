package io.tarn.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One garbage collection run.
 *
 * @param dryRun list what would be deleted, delete nothing
 * @param gracePeriod files younger than this are never deleted, whatever references them: it
 *     protects uploads and commits in flight
 */
public record GcRequest(boolean dryRun, Duration gracePeriod) {
    /** Six hours. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(6);

    public GcRequest {
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative()) {
            throw new InvalidArgumentException("grace period", gracePeriod.toString(), "it cannot be negative");
        }
    }

    public static GcRequest dryRunWithDefaultGrace() {
        return new GcRequest(true, DEFAULT_GRACE_PERIOD);
    }
}
