package io.tarn.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A versioned key space whose objects live in {@code storageNamespace} (a location such as
 * {@code s3://bucket/prefix} or {@code local://repo}).
 */
public record Repository(RepositoryName name, String storageNamespace, BranchName defaultBranch, Instant creationDate) {
    public Repository {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(storageNamespace, "storageNamespace");
        Objects.requireNonNull(defaultBranch, "defaultBranch");
        Objects.requireNonNull(creationDate, "creationDate");
    }
}
