package io.tarn.blockstore.spi;

/**
 * A conditional write lost: the object exists when it was required absent, or its ETag differs from
 * the one required. Nothing was written. Retrying blindly will fail the same way; re-read first.
 */
public class PreconditionFailedException extends BlockStoreException {
    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String message) {
        super(message);
    }
}
