package io.tarn.graveler;

import io.tarn.api.BranchName;
import io.tarn.api.CommitId;
import java.util.Objects;

/**
 * What a ref expression points at.
 *
 * @param commit the commit whose tree it reads
 * @param branch the branch whose staged changes it also reads, or {@code null} (tags, commits,
 *     {@code branch@}, expressions with steps)
 * @param branchRecord the branch's record when {@code branch} is set
 * @param kind what the base of the expression named, for messages ("branch", "tag", "commit")
 */
record ResolvedRef(String text, CommitId commit, BranchName branch, BranchRecord branchRecord, String kind) {
    ResolvedRef {
        Objects.requireNonNull(commit, "commit");
    }

    boolean readsStaging() {
        return branch != null;
    }
}
