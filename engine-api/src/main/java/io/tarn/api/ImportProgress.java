package io.tarn.api;

/**
 * Where a running import reports and learns whether to stop. Called from the importing thread.
 */
public interface ImportProgress {
    /** No reporting, never cancelled. */
    ImportProgress NONE = new ImportProgress() {
    };

    /** {@code count} objects have been staged so far. */
    default void ingested(long count) {
    }

    /** Whether the import should stop: it then ends with {@link java.util.concurrent.CancellationException}, committing nothing. */
    default boolean cancelled() {
        return false;
    }
}
