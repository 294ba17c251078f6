package io.tarn.server.cli;

/** The client commands' exit codes, which scripts can rely on (docs/cli.md lists them too). */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** Any other failure: the server refused the request as invalid, or failed. */
    public static final int ERROR = 1;
    /** Bad usage: an unknown option, a missing argument, a malformed URI, a bad config file (picocli's default). */
    public static final int USAGE = 2;
    /** The repository, branch, tag, commit or object does not exist (HTTP 404). */
    public static final int NOT_FOUND = 3;
    /** A conflict: the name exists, a merge, revert or cherry-pick conflicts, or the branch changed meanwhile (HTTP 409, 412). */
    public static final int CONFLICT = 4;
    /** The server refused the credentials or the access (HTTP 401, 403). */
    public static final int AUTH = 5;
    /** The server could not be reached at the configured endpoint. */
    public static final int UNREACHABLE = 6;

    private ExitCode() {
    }

    /** The exit code for an HTTP error status. */
    static int forStatus(int status) {
        return switch (status) {
            case 401, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 409, 412 -> CONFLICT;
            default -> ERROR;
        };
    }
}
