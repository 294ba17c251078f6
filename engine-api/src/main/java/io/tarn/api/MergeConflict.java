package io.tarn.api;

import java.util.Objects;

/**
 * One path changed differently on both sides of a merge. A {@code null} value means the path is
 * absent on that side (never existed, or was deleted).
 */
public record MergeConflict(String path, Entry base, Entry source, Entry destination) {
    public MergeConflict {
        Objects.requireNonNull(path, "path");
    }
}
