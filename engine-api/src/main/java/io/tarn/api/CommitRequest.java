package io.tarn.api;

import java.util.Map;
import java.util.Objects;

/**
 * What a new commit says about itself.
 *
 * @param allowEmpty write the commit even when nothing is staged (refused otherwise)
 */
public record CommitRequest(String message, String committer, Map<String, String> metadata, boolean allowEmpty) {
    public CommitRequest {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(committer, "committer");
        metadata = Map.copyOf(metadata);
    }

    public static CommitRequest of(String message, String committer) {
        return new CommitRequest(message, committer, Map.of(), false);
    }
}
