package io.tarn.blockstore.spi;

/**
 * A blockstore operation failed. The base of every exception a plugin throws; a plain instance
 * means the backend itself failed (I/O error, service unavailable) and carries the backend's
 * message. Such failures may be transient: callers may retry idempotent operations.
 */
public class BlockStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BlockStoreException(String message) {
        super(message);
    }

    public BlockStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
