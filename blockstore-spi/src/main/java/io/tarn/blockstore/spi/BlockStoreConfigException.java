package io.tarn.blockstore.spi;

/**
 * A blockstore cannot be chosen or opened as configured: no plugin or two plugins match a scheme,
 * a required property is missing, or a value is malformed. Fatal at start-up; the message names the
 * offending property or value.
 */
public class BlockStoreConfigException extends BlockStoreException {
    private static final long serialVersionUID = 1L;

    public BlockStoreConfigException(String message) {
        super(message);
    }

    public BlockStoreConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
