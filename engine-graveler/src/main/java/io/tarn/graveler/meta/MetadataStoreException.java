package io.tarn.graveler.meta;

/**
 * The metadata store failed: I/O error, full disk, corruption, or a closed store. Carries the
 * underlying message. Not an expected outcome: a lost compare-and-swap is a return value instead.
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
