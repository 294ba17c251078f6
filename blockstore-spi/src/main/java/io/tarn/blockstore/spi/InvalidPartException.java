package io.tarn.blockstore.spi;

/**
 * A multipart completion names a part that was not uploaded, with another ETag than the uploaded
 * one, or out of ascending order. The upload stays open: the caller may complete it correctly.
 */
public class InvalidPartException extends BlockStoreException {
    private static final long serialVersionUID = 1L;
    private final boolean orderViolated;

    public InvalidPartException(String message, boolean orderViolated) {
        super(message);
        this.orderViolated = orderViolated;
    }

    /** True when the parts were valid but not listed in strictly ascending part-number order. */
    public boolean orderViolated() {
        return orderViolated;
    }
}
