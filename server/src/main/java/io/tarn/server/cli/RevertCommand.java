package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.server.cli.TarnClient.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn revert} (also {@code tarn branch revert}): commits the undoing of commits on a branch. */
@Command(name = "revert",
        description = "Undo commits on a branch: each one is reverted by a new commit, in the order given.")
public final class RevertCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "BRANCH", description = "lakefs://<repository>/<branch>")
    String branch;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMIT",
            description = "Commits to revert: a ref (commit id, tag, branch, main~1) or lakefs://<repository>/<ref>.")
    List<String> commits;

    @Option(names = {"-m", "--parent-number"}, paramLabel = "N", defaultValue = "0",
            description = "For a merge commit, the parent (from 1) to revert to; 0 for other commits (default).")
    int parentNumber;

    @Option(names = "--allow-empty", description = "Commit even when the revert changes nothing.")
    boolean allowEmpty;

    @Override
    int execute() {
        TarnUri uri = TarnUri.refOnly(branch, "branch");
        String branchPath = TarnClient.path("repositories", uri.repository(), "branches", uri.ref());
        ArrayNode reverted = TarnClient.MAPPER.createArrayNode();
        for (String raw : commits) {
            String ref = CherryPickCommand.ref(uri, raw);
            ObjectNode body = TarnClient.MAPPER.createObjectNode().put("ref", ref).put("parent_number", parentNumber).put("allow_empty", allowEmpty);
            client().send("POST", branchPath + "/revert", new Query(), body);
            JsonNode head = client().get(branchPath, new Query());
            reverted.addObject().put("reverted", ref).put("commit_id", head.path("commit_id").asText());
            if (!json()) {
                out().println("Reverted " + ref + " on '" + uri + "': commit " + head.path("commit_id").asText());
            }
        }
        ObjectNode doc = TarnClient.MAPPER.createObjectNode().put("branch", uri.toString());
        doc.set("results", reverted);
        if (json()) {
            printJson(doc);
        }
        return ExitCode.OK;
    }
}
