package io.tarn.api;

/**
 * Something with that name exists already: a repository, a branch or tag (which share one name
 * space), or a storage namespace used by another repository.
 */
public class AlreadyExistsException extends TarnException {
    private static final long serialVersionUID = 1L;
    private final String value;

    public AlreadyExistsException(String what, String value) {
        super("Cannot create " + what + " '" + value + "': it already exists");
        this.value = value;
    }

    private AlreadyExistsException(String value, String message, Void unused) {
        super(message);
        this.value = value;
    }

    /** An exception with a message of the caller's, for cases "it already exists" does not describe. */
    public static AlreadyExistsException withMessage(String value, String message) {
        return new AlreadyExistsException(value, message, null);
    }

    public String value() {
        return value;
    }
}
