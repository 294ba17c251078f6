package io.tarn.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of a branch.
 *
 * @param id SHA-256 over the canonical encoding of every field but the generation
 * @param parents ordered: the first is the commit the branch was at; a merge has two; the initial
 *     commit none
 * @param metaRangeId the committed tree
 * @param creationDate millisecond precision
 * @param generation 1 + the largest parent generation (the initial commit has 1): orders commits
 *     for log and merge-base search
 */
public record Commit(CommitId id, List<CommitId> parents, String metaRangeId, String message, String committer,
        Instant creationDate, Map<String, String> metadata, long generation) {
    public Commit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metaRangeId, "metaRangeId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(committer, "committer");
        Objects.requireNonNull(creationDate, "creationDate");
        parents = List.copyOf(parents);
        metadata = Map.copyOf(metadata);
        if (generation < 1) {
            throw new InvalidArgumentException("commit generation", Long.toString(generation), "it must be at least 1");
        }
    }
}
