package io.tarn.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options every client command takes, and the exit codes its help lists. */
@Command(
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:failed (the server refused the request as invalid, or failed)",
            "2:bad usage: options, arguments, URI or config file",
            "3:not found: no such repository, branch, tag, commit or object",
            "4:conflict: the name exists, a merge, revert or cherry-pick conflicts (every path on stderr), or the branch changed meanwhile",
            "5:authentication failed or access denied",
            "6:the server cannot be reached at the endpoint"},
        footerHeading = "%nConfiguration:%n",
        footer = {
            "  ~/.tarn.yaml (or --config FILE) holds server.endpoint_url (default",
            "  http://127.0.0.1:8000), credentials.access_key_id and",
            "  credentials.secret_access_key, and server.ca_file for a self-signed",
            "  HTTPS certificate. TARN_ENDPOINT_URL, TARN_ACCESS_KEY_ID,",
            "  TARN_SECRET_ACCESS_KEY and TARN_CA_FILE override them. See docs/cli.md."})
final class ClientOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--config", paramLabel = "FILE", description = "Client config file (default ~/.tarn.yaml).")
    Path config;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of text (errors too: {\"error\": {...}}).")
    boolean json;
}
