package io.tarn.blockstore.spi;

/** A byte range covers no byte of the object (HTTP 416). */
public class InvalidRangeException extends BlockStoreException {
    private static final long serialVersionUID = 1L;
    private final transient ByteRange range;
    private final long size;

    public InvalidRangeException(ByteRange range, long size) {
        super("Invalid range '" + range + "' for an object of " + size + " bytes: it covers no byte");
        this.range = range;
        this.size = size;
    }

    public ByteRange range() {
        return range;
    }

    public long objectSize() {
        return size;
    }
}
