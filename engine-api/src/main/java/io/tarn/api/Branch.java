package io.tarn.api;

import java.util.Objects;

/** A movable ref: the commit its committed data is at. Staged changes are not part of the value. */
public record Branch(BranchName name, CommitId head) {
    public Branch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(head, "head");
    }
}
