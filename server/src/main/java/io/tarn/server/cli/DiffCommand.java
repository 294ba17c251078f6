package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.server.cli.TarnClient.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn diff}: what changed between two refs, or a branch's uncommitted changes. */
@Command(name = "diff",
        description = {"Show what changed between two refs, or a branch's uncommitted changes.",
            "Between refs: by default what RIGHT changed since it and LEFT diverged; --two-way compares them directly."})
public final class DiffCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "LEFT", description = "lakefs://<repository>/<ref>; alone, a branch")
    String left;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RIGHT", description = "lakefs://<repository>/<ref>")
    String right;

    @Option(names = "--two-way", description = "Compare the two refs themselves, not RIGHT against the merge base.")
    boolean twoWay;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only paths under this prefix.")
    String prefix;

    @Override
    int execute() {
        TarnUri leftUri = TarnUri.refOnly(left, right == null ? "branch" : "ref");
        String path;
        Query query = new Query().add("prefix", prefix);
        if (right == null) {
            if (twoWay) {
                throw CliException.usage("Invalid --two-way: it compares two refs, and only one was given");
            }
            path = TarnClient.path("repositories", leftUri.repository(), "branches", leftUri.ref(), "diff");
        } else {
            TarnUri rightUri = TarnUri.refOnly(right, "ref");
            leftUri.requireSameRepository(rightUri);
            path = TarnClient.path("repositories", leftUri.repository(), "refs", leftUri.ref(), "diff", rightUri.ref());
            query.add("type", twoWay ? "two_dot" : "three_dot");
        }
        TarnClient.Listing listing = client().list(path, query, null, 0);
        return print(listing(listing), () -> {
            if (listing.items().isEmpty()) {
                out().println("No changes.");
            }
            for (JsonNode d : listing.items()) {
                out().println(symbol(d.path("type").asText()) + " " + d.path("type").asText() + " " + d.path("path").asText());
            }
        });
    }

    private static String symbol(String type) {
        return switch (type) {
            case "added" -> "+";
            case "removed" -> "-";
            default -> "~";
        };
    }
}
