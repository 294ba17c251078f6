package io.tarn.graveler.meta;

/**
 * The metadata store failed: I/O error, full disk or corruption. Carries the underlying message. Not
 * an expected outcome: a lost compare-and-swap is a return value instead, and using a closed store is
 * an {@link IllegalStateException}.
 */
public class MetadataStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetadataStoreException(String message) {
        super(message);
    }

    public MetadataStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
