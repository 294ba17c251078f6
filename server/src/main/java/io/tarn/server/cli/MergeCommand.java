package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.server.cli.TarnClient.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn merge}: merges a ref into a branch with a merge commit. */
@Command(name = "merge",
        description = {"Merge a ref into a branch with a merge commit.",
            "A conflict fails with exit code 4 and lists every conflicting path on stderr."})
public final class MergeCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "lakefs://<repository>/<ref> to merge from.")
    String source;

    @Parameters(index = "1", paramLabel = "DESTINATION", description = "lakefs://<repository>/<branch> to merge into.")
    String destination;

    @Option(names = "--strategy", paramLabel = "STRATEGY",
            description = "How to settle conflicts: source-wins or dest-wins (default: none, a conflict fails the merge).")
    String strategy;

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "The merge commit's message (default: Merge '<source>' into '<destination>').")
    String message;

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Merge commit metadata; repeat for more.")
    List<String> metadata;

    @Option(names = "--squash", description = "Write a commit with one parent (the destination) instead of a merge commit.")
    boolean squash;

    @Option(names = "--allow-empty", description = "Merge even when it changes nothing.")
    boolean allowEmpty;

    @Override
    int execute() {
        TarnUri from = TarnUri.refOnly(source, "ref");
        TarnUri into = TarnUri.refOnly(destination, "branch");
        from.requireSameRepository(into);
        if (strategy != null && !strategy.equals("source-wins") && !strategy.equals("dest-wins")) {
            throw CliException.usage("Invalid --strategy '" + strategy + "': expected source-wins or dest-wins");
        }
        ObjectNode body = TarnClient.MAPPER.createObjectNode().put("squash_merge", squash).put("allow_empty", allowEmpty);
        if (strategy != null) {
            body.put("strategy", strategy);
        }
        if (message != null) {
            body.put("message", message);
        }
        body.set("metadata", object(pairs(metadata, "--meta")));
        JsonNode result = client().send("POST", TarnClient.path("repositories", from.repository(), "refs", from.ref(), "merge", into.ref()),
                new Query(), body);
        return print(result, () -> out().println("Merged '" + from.ref() + "' into '" + into + "': commit " + result.path("reference").asText()));
    }
}
