package io.tarn.api;

import java.util.Objects;

/**
 * How one path differs between a left and a right tree.
 *
 * @param left the entry on the left ({@code null} when added)
 * @param right the entry on the right ({@code null} when removed)
 */
public record DiffEntry(String path, Type type, Entry left, Entry right) {
    /** The kind of difference. */
    public enum Type { ADDED, REMOVED, CHANGED }

    public DiffEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        boolean consistent = switch (type) {
            case ADDED -> left == null && right != null;
            case REMOVED -> left != null && right == null;
            case CHANGED -> left != null && right != null;
        };
        if (!consistent) {
            throw new IllegalArgumentException("Invalid diff entry for '" + path + "': " + type + " with left " + left + " and right " + right);
        }
    }
}
