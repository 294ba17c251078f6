package io.tarn.blockstore.spi;

/**
 * The blockstore does not offer an optional capability (HTTP 501 at the gateway). Not transient.
 */
public class UnsupportedCapabilityException extends BlockStoreException {
    private static final long serialVersionUID = 1L;
    private final Capability capability;

    public UnsupportedCapabilityException(String blockStoreType, Capability capability) {
        super("Cannot use " + capability.description() + ": blockstore '" + blockStoreType + "' does not offer capability " + capability.name());
        this.capability = capability;
    }

    public Capability capability() {
        return capability;
    }
}
