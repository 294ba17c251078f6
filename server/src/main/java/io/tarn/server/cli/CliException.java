package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Why a client command failed: the exit code, one line for stderr, and further lines (the paths of a
 * conflicting merge). {@code body} is the server's error body, if it sent one.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final transient List<String> details;
    private final transient JsonNode body;

    CliException(int exitCode, String message) {
        this(exitCode, message, List.of(), null);
    }

    CliException(int exitCode, String message, List<String> details, JsonNode body) {
        super(message);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
        this.body = body;
    }

    static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }

    List<String> details() {
        return details;
    }

    JsonNode body() {
        return body;
    }
}
