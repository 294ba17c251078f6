package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.server.cli.TarnClient.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn branch create|list|show|delete|reset|revert|cherry-pick}. */
@Command(name = "branch", description = "Create, list, show, delete, reset and revert branches.",
        subcommands = {BranchCommand.Create.class, BranchCommand.ListBranches.class, BranchCommand.Show.class, BranchCommand.Delete.class,
            ResetCommand.class, RevertCommand.class, CherryPickCommand.class})
public final class BranchCommand extends CommandGroup {

    @Command(name = "create", description = "Create a branch at the head of another ref.")
    static final class Create extends ClientCommand {
        @Parameters(paramLabel = "BRANCH", description = "lakefs://<repository>/<new branch>")
        String branch;

        @Option(names = {"-s", "--source"}, required = true, paramLabel = "REF", description = "lakefs://<repository>/<ref> to branch from.")
        String source;

        @Override
        int execute() {
            TarnUri target = TarnUri.refOnly(branch, "branch");
            TarnUri from = TarnUri.refOnly(source, "ref");
            target.requireSameRepository(from);
            ObjectNode body = TarnClient.MAPPER.createObjectNode().put("name", target.ref()).put("source", from.ref());
            String head = client().sendForText("POST", TarnClient.path("repositories", target.repository(), "branches"), body);
            ObjectNode created = TarnClient.MAPPER.createObjectNode().put("id", target.ref()).put("commit_id", head);
            return print(created, () -> out().println("Branch '" + target + "' created from '" + from.ref() + "' at commit " + head + "."));
        }
    }

    @Command(name = "list", description = "List a repository's branches.")
    static final class ListBranches extends RefListCommand {
        @Override
        String collection() {
            return "branches";
        }

        @Override
        String heading() {
            return "BRANCH";
        }
    }

    @Command(name = "show", description = "Show a branch and its head commit.")
    static final class Show extends ClientCommand {
        @Parameters(paramLabel = "BRANCH", description = "lakefs://<repository>/<branch>")
        String branch;

        @Override
        int execute() {
            TarnUri uri = TarnUri.refOnly(branch, "branch");
            ObjectNode b = (ObjectNode) client().get(TarnClient.path("repositories", uri.repository(), "branches", uri.ref()), new Query());
            JsonNode commit = client().get(TarnClient.path("repositories", uri.repository(), "commits", b.path("commit_id").asText()), new Query());
            b.set("commit", commit);
            return print(b, () -> {
                out().println("Branch:    " + uri);
                out().println("Commit ID: " + b.path("commit_id").asText());
                out().println("Message:   " + commit.path("message").asText());
                out().println("Committer: " + commit.path("committer").asText());
                out().println("Date:      " + time(commit.path("creation_date")));
            });
        }
    }

    @Command(name = "delete", description = "Delete a branch (not the default branch).")
    static final class Delete extends ClientCommand {
        @Parameters(paramLabel = "BRANCH", description = "lakefs://<repository>/<branch>")
        String branch;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed when there is no terminal to ask on).")
        boolean yes;

        @Override
        int execute() {
            TarnUri uri = TarnUri.refOnly(branch, "branch");
            confirm(yes, "Delete branch '" + uri + "'?", "Cannot delete branch '" + uri + "'");
            client().send("DELETE", TarnClient.path("repositories", uri.repository(), "branches", uri.ref()), new Query(), null);
            return print(TarnClient.MAPPER.createObjectNode().put("deleted", uri.toString()), () -> out().println("Branch '" + uri + "' deleted."));
        }
    }
}
