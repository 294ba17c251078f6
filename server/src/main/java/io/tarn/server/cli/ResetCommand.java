package io.tarn.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.server.cli.TarnClient.Query;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn reset} (also {@code tarn branch reset}): drops a branch's uncommitted changes. */
@Command(name = "reset",
        description = "Drop a branch's uncommitted changes: all of them, those under a prefix, or one object's.")
public final class ResetCommand extends ClientCommand {
    @Parameters(paramLabel = "BRANCH", description = "lakefs://<repository>/<branch>")
    String branch;

    @ArgGroup(exclusive = true)
    Scope scope;

    static final class Scope {
        @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only the changes under this path prefix.")
        String prefix;

        @Option(names = "--object", paramLabel = "PATH", description = "Only this object's change.")
        String object;
    }

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed when there is no terminal to ask on).")
    boolean yes;

    @Override
    int execute() {
        TarnUri uri = TarnUri.refOnly(branch, "branch");
        ObjectNode body = TarnClient.MAPPER.createObjectNode();
        String what;
        if (scope != null && scope.object != null) {
            body.put("type", "object").put("path", scope.object);
            what = "the uncommitted change of '" + scope.object + "' on '" + uri + "'";
        } else if (scope != null && scope.prefix != null) {
            body.put("type", "common_prefix").put("path", scope.prefix);
            what = "the uncommitted changes under '" + scope.prefix + "' on '" + uri + "'";
        } else {
            body.put("type", "reset");
            what = "all uncommitted changes on '" + uri + "'";
        }
        confirm(yes, "Drop " + what + "?", "Cannot drop " + what);
        client().send("PUT", TarnClient.path("repositories", uri.repository(), "branches", uri.ref()), new Query(), body);
        ObjectNode result = TarnClient.MAPPER.createObjectNode().put("branch", uri.toString());
        result.setAll(body);
        return print(result, () -> out().println("Dropped " + what + "."));
    }
}
