package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.server.cli.TarnClient.Query;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn log}: the commits reachable from a ref, newest first. */
@Command(name = "log", description = "Show the commits reachable from a ref, newest first.")
public final class LogCommand extends ClientCommand {
    @Parameters(paramLabel = "REF", description = "lakefs://<repository>/<ref>")
    String ref;

    @Option(names = "--amount", paramLabel = "N", defaultValue = "100", description = "At most this many commits (default: ${DEFAULT-VALUE}; 0 or less for all).")
    int amount;

    @Option(names = "--after", paramLabel = "COMMIT", description = "Start after this commit id (the previous page's last).")
    String after;

    @Option(names = "--first-parent", description = "Follow only the first parent of merge commits.")
    boolean firstParent;

    @Option(names = "--objects", split = ",", paramLabel = "PATH", description = "Only commits that changed these objects.")
    List<String> objects;

    @Option(names = "--prefixes", split = ",", paramLabel = "PREFIX", description = "Only commits that changed something under these prefixes (ending with '/').")
    List<String> prefixes;

    @Option(names = "--oneline", description = "One line per commit: its id and message.")
    boolean oneline;

    @Override
    int execute() {
        TarnUri uri = TarnUri.refOnly(ref, "ref");
        Query query = new Query().add("first_parent", firstParent ? "true" : null);
        for (String o : objects == null ? List.<String>of() : objects) {
            query.add("objects", o);
        }
        for (String p : prefixes == null ? List.<String>of() : prefixes) {
            query.add("prefixes", p);
        }
        TarnClient.Listing listing = client().list(TarnClient.path("repositories", uri.repository(), "refs", uri.ref(), "commits"), query, after, amount);
        return print(listing(listing), () -> {
            List<JsonNode> commits = new ArrayList<>();
            listing.items().forEach(commits::add);
            for (JsonNode c : commits) {
                if (oneline) {
                    out().println(c.path("id").asText() + " " + firstLine(c.path("message").asText()));
                } else {
                    printCommit(out(), c);
                }
            }
            moreHint(listing);
        });
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** A commit as lakectl's log shows it. */
    static void printCommit(PrintWriter out, JsonNode c) {
        out.println("ID:            " + c.path("id").asText());
        out.println("Committer:     " + c.path("committer").asText());
        out.println("Date:          " + time(c.path("creation_date")));
        List<String> parents = new ArrayList<>();
        c.path("parents").forEach(p -> parents.add(p.asText()));
        if (parents.size() > 1) {
            out.println("Merge:         " + String.join(", ", parents));
        }
        c.path("metadata").fields().forEachRemaining(f -> out.println("Metadata:      " + f.getKey() + " = " + f.getValue().asText()));
        out.println();
        for (String line : c.path("message").asText().split("\n", -1)) {
            out.println("    " + line);
        }
        out.println();
    }
}
