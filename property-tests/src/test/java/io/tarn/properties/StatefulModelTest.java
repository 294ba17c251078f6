package io.tarn.properties;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random sequences of put, delete, commit, branch, merge (every strategy, squash, forced merge
 * commits), cherry-pick, revert, reset (all, path, prefix), tag and close-and-reopen, run against
 * the engine and the model: after every step outcomes, reads, listings, diffs, logs and merge bases
 * agree. Tiny ranges put changes on range boundaries all the time; the default ranges are what a
 * deployment runs.
 */
class StatefulModelTest {
    /** Tries per run by default; {@code -Dtarn.tries} overrides. */
    static final int TRIES = 40;
    static final int LENGTH = 40;

    @TempDir
    Path dir;

    @Test
    void theEngineAgreesWithTheModelAfterEveryStepWithTinyRanges() {
        try (EngineUnderTest engine = new EngineUnderTest(dir, EngineUnderTest.TINY_RANGES)) {
            StatefulProperty.runner("engine agrees with the model (tiny ranges)", engine, LENGTH).run(TRIES);
        }
    }

    @Test
    void theEngineAgreesWithTheModelAfterEveryStepWithTheDefaultRanges() {
        try (EngineUnderTest engine = new EngineUnderTest(dir, io.tarn.graveler.committed.RangeSplitPolicy.DEFAULT)) {
            StatefulProperty.runner("engine agrees with the model (default ranges)", engine, LENGTH).run(TRIES / 4);
        }
    }
}
