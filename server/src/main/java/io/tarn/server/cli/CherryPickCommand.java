package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.server.cli.TarnClient.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn cherry-pick} (also {@code tarn branch cherry-pick}): applies one commit's changes onto a branch. */
@Command(name = "cherry-pick", description = "Apply a commit's changes onto a branch as a new commit.")
public final class CherryPickCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "COMMIT", description = "lakefs://<repository>/<commit id or ref> to pick.")
    String commit;

    @Parameters(index = "1", paramLabel = "BRANCH", description = "lakefs://<repository>/<branch> to apply it onto.")
    String branch;

    @Option(names = {"-m", "--parent-number"}, paramLabel = "N", defaultValue = "0",
            description = "For a merge commit, the parent (from 1) whose changes to take; 0 for other commits (default).")
    int parentNumber;

    @Override
    int execute() {
        TarnUri target = TarnUri.refOnly(branch, "branch");
        String ref = ref(target, commit);
        ObjectNode body = TarnClient.MAPPER.createObjectNode().put("ref", ref).put("parent_number", parentNumber);
        JsonNode created = client().send("POST", TarnClient.path("repositories", target.repository(), "branches", target.ref(), "cherry-pick"),
                new Query(), body);
        return print(created, () -> out().println("Cherry-picked " + ref + " onto '" + target + "': commit " + created.path("id").asText()));
    }

    /** A commit named by a bare ref, or by a URI in the branch's repository. */
    static String ref(TarnUri branch, String raw) {
        if (!raw.contains("://")) {
            if (raw.isBlank()) {
                throw CliException.usage("Invalid commit '': expected a ref or lakefs://<repository>/<ref>");
            }
            return raw;
        }
        TarnUri uri = TarnUri.refOnly(raw, "commit");
        branch.requireSameRepository(uri);
        return uri.ref();
    }
}
