package io.tarn.blockstore.spi;

/**
 * The blockstore does not offer an optional capability (HTTP 501 at the gateway). Not transient.
 */
public class UnsupportedCapabilityException extends BlockStoreException {
    private static final long serialVersionUID = 1L;
    private final Capability capability;

    public UnsupportedCapabilityException(String blockStoreType, Capability capability) {
        super("Blockstore '" + blockStoreType + "' does not support " + capability.description());
        this.capability = capability;
    }

    public Capability capability() {
        return capability;
    }
}
