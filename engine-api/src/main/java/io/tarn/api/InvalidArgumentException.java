package io.tarn.api;

/** An argument is malformed or out of range; the message names the argument and its value. */
public class InvalidArgumentException extends TarnException {
    private static final long serialVersionUID = 1L;
    private final String argument;
    private final String value;

    /**
     * @param argument what the value is, for example "branch name"
     * @param reason what is wrong with it, for example "it must start with a letter, digit or '_'"
     */
    public InvalidArgumentException(String argument, String value, String reason) {
        super("Invalid " + argument + " '" + value + "': " + reason);
        this.argument = argument;
        this.value = value;
    }

    public String argument() {
        return argument;
    }

    public String value() {
        return value;
    }
}
