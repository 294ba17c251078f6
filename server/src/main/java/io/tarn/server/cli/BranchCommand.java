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
            TarnUri target = RefKind.BRANCH.parse(branch);
            TarnUri from = TarnUri.refOnly(source, "ref");
            target.requireSameRepository(from);
            ObjectNode body = TarnClient.MAPPER.createObjectNode().put("name", target.ref()).put("source", from.ref());
            String head = client().sendForText("POST", RefKind.BRANCH.collectionPath(target), body);
            ObjectNode created = TarnClient.MAPPER.createObjectNode().put("id", target.ref()).put("commit_id", head);
            return print(created, () -> out().println("Branch '" + target + "' created from '" + from.ref() + "' at commit " + head + "."));
        }
    }

    @Command(name = "list", description = "List a repository's branches.")
    static final class ListBranches extends RefListCommand {
        ListBranches() {
            super(RefKind.BRANCH);
        }
    }

    @Command(name = "show", description = "Show a branch and its head commit.")
    static final class Show extends RefCommand {
        @Parameters(paramLabel = "BRANCH", description = "lakefs://<repository>/<branch>")
        String branch;

        Show() {
            super(RefKind.BRANCH);
        }

        @Override
        int execute() {
            TarnUri uri = kind.parse(branch);
            ObjectNode b = (ObjectNode) fetch(uri);
            JsonNode commit = client().get(TarnClient.path("repositories", uri.repository(), "commits", b.path("commit_id").asText()), new Query());
            b.set("commit", commit);
            return print(b, "Branch:    " + uri, "Commit ID: " + b.path("commit_id").asText(), "Message:   " + commit.path("message").asText(),
                    "Committer: " + commit.path("committer").asText(), "Date:      " + time(commit.path("creation_date")));
        }
    }

    @Command(name = "delete", description = "Delete a branch (not the default branch).")
    static final class Delete extends RefCommand {
        @Parameters(paramLabel = "BRANCH", description = "lakefs://<repository>/<branch>")
        String branch;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed when there is no terminal to ask on).")
        boolean yes;

        Delete() {
            super(RefKind.BRANCH);
        }

        @Override
        int execute() {
            TarnUri uri = kind.parse(branch);
            confirm(yes, "Delete branch '" + uri + "'?", "Cannot delete branch '" + uri + "'");
            return delete(uri);
        }
    }
}
