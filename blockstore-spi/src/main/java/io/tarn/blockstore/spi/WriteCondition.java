package io.tarn.blockstore.spi;

import java.util.Objects;

/**
 * The precondition of a conditional put: the object must be absent ({@code If-None-Match: *}), or
 * present with exactly this ETag ({@code If-Match}).
 */
public sealed interface WriteCondition {
    /** The object must not exist. */
    record IfAbsent() implements WriteCondition {
    }

    /** The object must exist with this ETag (lower-case hex, no quotes). */
    record IfMatch(String etag) implements WriteCondition {
        public IfMatch {
            Objects.requireNonNull(etag, "etag");
        }
    }

    static WriteCondition ifAbsent() {
        return new IfAbsent();
    }

    static WriteCondition ifMatch(String etag) {
        return new IfMatch(etag);
    }
}
