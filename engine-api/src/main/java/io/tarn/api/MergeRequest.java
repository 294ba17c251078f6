package io.tarn.api;

import java.util.Map;
import java.util.Objects;

/**
 * How to merge.
 *
 * @param strategy what to do with conflicting paths
 * @param message the merge commit's message; empty for the default "Merge 'source' into 'destination'"
 * @param forceMergeCommit write a merge commit even when the destination head is the merge base
 *     (otherwise the branch fast-forwards to the source)
 * @param squash write a single-parent commit with the merged tree instead of a two-parent merge
 * @param allowEmpty write the merge commit even when it changes nothing
 */
public record MergeRequest(MergeStrategy strategy, String message, String committer, Map<String, String> metadata,
        boolean forceMergeCommit, boolean squash, boolean allowEmpty) {
    public MergeRequest {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(committer, "committer");
        metadata = Map.copyOf(metadata);
    }

    /** Default strategy (fail on conflict), default message, fast-forward when possible. */
    public static MergeRequest by(String committer) {
        return new MergeRequest(MergeStrategy.NONE, "", committer, Map.of(), false, false, false);
    }

    public MergeRequest withStrategy(MergeStrategy s) {
        return new MergeRequest(s, message, committer, metadata, forceMergeCommit, squash, allowEmpty);
    }
}
