package io.tarn.api;

import java.util.List;
import java.util.Objects;

/**
 * Which commits to walk.
 *
 * @param firstParent follow only first parents (the branch's own line)
 * @param paths only commits that changed one of these paths or prefixes (a trailing {@code /} makes
 *     a prefix); with {@code prefixes}, empty for all
 * @param prefixes only commits that changed a path starting with one of these (lakeFS's
 *     {@code prefixes}: {@code data} covers {@code data/a} and {@code data-old/b})
 * @param after continue after this commit id (from a previous page); empty to start at the ref
 * @param amount at most this many commits, 1 to 10,000
 */
public record LogRequest(boolean firstParent, List<String> paths, List<String> prefixes, String after, int amount) {
    public LogRequest {
        paths = List.copyOf(paths);
        prefixes = List.copyOf(prefixes);
        Objects.requireNonNull(after, "after");
        if (amount < 1 || amount > ListRequest.MAX_AMOUNT) {
            throw new InvalidArgumentException("amount", Integer.toString(amount), "expected 1 to " + ListRequest.MAX_AMOUNT);
        }
    }

    /** Filtered by paths only (a trailing {@code /} makes a prefix). */
    public LogRequest(boolean firstParent, List<String> paths, String after, int amount) {
        this(firstParent, paths, List.of(), after, amount);
    }

    public static LogRequest latest(int amount) {
        return new LogRequest(false, List.of(), "", amount);
    }

    /** Whether the log is filtered by paths or prefixes at all. */
    public boolean filtered() {
        return !paths.isEmpty() || !prefixes.isEmpty();
    }
}
