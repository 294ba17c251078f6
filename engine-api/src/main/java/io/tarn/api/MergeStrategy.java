package io.tarn.api;

/** What a merge does with a conflicting path. */
public enum MergeStrategy {
    /** Fail with every conflict listed; write nothing. */
    NONE,
    /** Take the source's value (absent included). */
    SOURCE_WINS,
    /** Keep the destination's value (absent included). */
    DEST_WINS
}
