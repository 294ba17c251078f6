package io.tarn.api;

/**
 * The root of every error the engine reports. Each subclass maps to exactly one HTTP status in the
 * gateway and says what was wrong and with which value. Unchecked: callers catch the kinds they can
 * act on.
 */
public abstract class TarnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected TarnException(String message) {
        super(message);
    }

    protected TarnException(String message, Throwable cause) {
        super(message, cause);
    }
}
