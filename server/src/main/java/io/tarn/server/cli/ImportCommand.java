package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.server.cli.TarnClient.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tarn import}: brings objects that already exist on a backend the server is configured
 * for under version control without copying them, as one commit on a branch (the REST API's
 * import), and waits for it.
 */
@Command(name = "import", description = {"Import existing objects (s3://, gs://, az://, https://<account>.blob.core.windows.net/, local://) "
        + "into a branch as one commit, without copying them.", "Exits 0 with the commit once the import completed."})
public final class ImportCommand extends ClientCommand {
    private static final long POLL_MILLIS = 500;

    @Parameters(paramLabel = "BRANCH", description = "lakefs://<repository>/<branch>")
    String branch;

    @Option(names = "--from", required = true, paramLabel = "URI", description = "Where the objects are: a prefix (the default) or, with --object, one object.")
    String from;

    @Option(names = "--to", paramLabel = "PATH", defaultValue = "", description = "The path prefix in the branch (with --object, the object's path).")
    String to;

    @Option(names = "--object", description = "--from names one object, not a prefix.")
    boolean object;

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "The commit message (default: Import <URI>).")
    String message;

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Commit metadata; repeat for more.")
    List<String> metadata;

    @Mixin
    ProgressOptions progress;

    @Override
    int execute() {
        TarnUri uri = TarnUri.refOnly(branch, "branch");
        ObjectNode body = TarnClient.MAPPER.createObjectNode();
        body.putArray("paths").addObject().put("type", object ? "object" : "common_prefix").put("path", from).put("destination", to);
        ObjectNode commit = body.putObject("commit").put("message", message == null ? "Import " + from : message);
        commit.set("metadata", object(pairs(metadata, "--meta")));
        String path = TarnClient.path("repositories", uri.repository(), "branches", uri.ref(), "import");
        String id = client().send("POST", path, new Query(), body).path("id").asText();
        boolean show = progress.wanted(0, true);
        JsonNode status;
        while (true) {
            status = client().get(path, new Query().add("id", id));
            if (show) {
                err().print("\rImporting " + from + ": " + status.path("ingested_objects").asLong() + " objects");
                err().flush();
            }
            if (status.path("completed").asBoolean() || status.hasNonNull("error")) {
                break;
            }
            sleep();
        }
        if (show) {
            err().println();
        }
        if (status.hasNonNull("error")) {
            throw new CliException(ExitCode.ERROR, "Import into " + uri + " failed: " + status.path("error").path("message").asText());
        }
        JsonNode done = status;
        return print(done, () -> {
            out().println("Imported " + done.path("ingested_objects").asLong() + " objects from " + from + " into " + uri + ".");
            out().println();
            LogCommand.printCommit(out(), done.path("commit"));
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "Interrupted while waiting for the import");
        }
    }
}
