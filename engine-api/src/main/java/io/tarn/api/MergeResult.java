package io.tarn.api;

import java.util.Objects;

/**
 * What a merge did.
 *
 * @param head the destination's new head (the source's commit after a fast-forward)
 * @param fastForwarded true when no merge commit was written because the destination was the base
 */
public record MergeResult(CommitId head, boolean fastForwarded) {
    public MergeResult {
        Objects.requireNonNull(head, "head");
    }
}
