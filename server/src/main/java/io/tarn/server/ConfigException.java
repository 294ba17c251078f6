package io.tarn.server;

/**
 * Tarn cannot start as configured: a malformed config file, an unknown key, a bad value, a busy
 * port, an unusable data directory. The message is one line that names the problem and the value,
 * printed as is to the user instead of a stack trace.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
