package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.server.cli.TarnClient.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn commit}: commits a branch's uncommitted changes. */
@Command(name = "commit", description = "Commit a branch's uncommitted changes.")
public final class CommitCommand extends ClientCommand {
    @Parameters(paramLabel = "BRANCH", description = "lakefs://<repository>/<branch>")
    String branch;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE", description = "The commit message.")
    String message;

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Commit metadata; repeat for more.")
    List<String> metadata;

    @Option(names = "--allow-empty", description = "Commit even when nothing changed.")
    boolean allowEmpty;

    @Override
    int execute() {
        TarnUri uri = TarnUri.refOnly(branch, "branch");
        ObjectNode body = TarnClient.MAPPER.createObjectNode().put("message", message).put("allow_empty", allowEmpty);
        body.set("metadata", object(pairs(metadata, "--meta")));
        JsonNode commit = client().send("POST", TarnClient.path("repositories", uri.repository(), "branches", uri.ref(), "commits"), new Query(), body);
        return print(commit, () -> {
            out().println("Branch: " + uri);
            out().println("Commit for branch '" + uri.ref() + "' completed.");
            out().println();
            LogCommand.printCommit(out(), commit);
        });
    }
}
