package io.tarn.blockstore.spi;

/** No object exists at the location. Not transient: retrying will not help. */
public class ObjectNotFoundException extends BlockStoreException {
    private static final long serialVersionUID = 1L;
    private final transient Location location;

    public ObjectNotFoundException(Location location) {
        super("Cannot find object '" + location + "'");
        this.location = location;
    }

    public Location location() {
        return location;
    }
}
