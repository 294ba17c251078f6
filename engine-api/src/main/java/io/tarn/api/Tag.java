package io.tarn.api;

import java.util.Objects;

/** A fixed, read-only name for a commit. */
public record Tag(TagName name, CommitId commit) {
    public Tag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commit, "commit");
    }
}
