package io.tarn.api;

/**
 * The repository's blockstore lacks a capability the operation needs (a plugin that cannot assemble
 * multipart uploads, for example). Not transient: the same request on the same repository always
 * fails this way. The S3 gateway and the REST API answer 501.
 */
public class UnsupportedByStorageException extends TarnException {
    private static final long serialVersionUID = 1L;
    private final String backend;

    /**
     * @param backend the blockstore type
     * @param capability what it lacks, in words ("multipart uploads")
     */
    public UnsupportedByStorageException(String backend, String capability) {
        super("The repository's blockstore '" + backend + "' does not offer " + capability);
        this.backend = backend;
    }

    public String backend() {
        return backend;
    }
}
