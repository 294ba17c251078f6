package io.tarn.api;

import java.util.Objects;

/** Which staged changes of a branch a reset drops. */
public sealed interface ResetScope {
    /** Every staged change. */
    record All() implements ResetScope {
    }

    /** The staged change of exactly this path. */
    record Path(String path) implements ResetScope {
        public Path {
            Objects.requireNonNull(path, "path");
        }
    }

    /** Every staged change under this prefix (a string prefix). */
    record Prefix(String prefix) implements ResetScope {
        public Prefix {
            Objects.requireNonNull(prefix, "prefix");
        }
    }
}
