package io.tarn.api;

/**
 * The storage under the engine failed: a blockstore backend or the metadata store. Carries the
 * backend's name and message. May be transient (an unavailable service); the operation had no
 * partial effect that a retry would duplicate.
 */
public class StorageFailureException extends TarnException {
    private static final long serialVersionUID = 1L;
    private final String backend;

    public StorageFailureException(String backend, String message, Throwable cause) {
        super("Cannot reach storage '" + backend + "': " + message, cause);
        this.backend = backend;
    }

    public String backend() {
        return backend;
    }
}
