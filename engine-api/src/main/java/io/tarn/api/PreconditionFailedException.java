package io.tarn.api;

/**
 * A condition the caller set, or the engine's own compare-and-swap, did not hold: an If-Match ETag
 * differs, or a ref moved under a concurrent update more often than the engine retries. Re-read and
 * decide again; do not retry blindly.
 */
public class PreconditionFailedException extends TarnException {
    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String message) {
        super(message);
    }
}
