package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.server.cli.TarnClient.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn tag create|list|show|delete}. */
@Command(name = "tag", description = "Create, list, show and delete tags.",
        subcommands = {TagCommand.Create.class, TagCommand.ListTags.class, TagCommand.Show.class, TagCommand.Delete.class})
public final class TagCommand extends CommandGroup {

    @Command(name = "create", description = "Tag a commit.")
    static final class Create extends ClientCommand {
        @Parameters(index = "0", paramLabel = "TAG", description = "lakefs://<repository>/<tag>")
        String tag;

        @Parameters(index = "1", paramLabel = "COMMIT", description = "lakefs://<repository>/<ref> to tag (a commit id, branch or tag).")
        String commit;

        @Option(names = {"-f", "--force"}, description = "Move the tag if it exists.")
        boolean force;

        @Override
        int execute() {
            TarnUri uri = RefKind.TAG.parse(tag);
            TarnUri target = TarnUri.refOnly(commit, "commit");
            uri.requireSameRepository(target);
            ObjectNode body = TarnClient.MAPPER.createObjectNode().put("id", uri.ref()).put("ref", target.ref()).put("force", force);
            JsonNode created = client().send("POST", RefKind.TAG.collectionPath(uri), new Query(), body);
            return print(created, () -> out().println("Tag '" + uri + "' created at commit " + created.path("commit_id").asText() + "."));
        }
    }

    @Command(name = "list", description = "List a repository's tags.")
    static final class ListTags extends RefListCommand {
        ListTags() {
            super(RefKind.TAG);
        }
    }

    @Command(name = "show", description = "Show the commit a tag points at.")
    static final class Show extends RefCommand {
        @Parameters(paramLabel = "TAG", description = "lakefs://<repository>/<tag>")
        String tag;

        Show() {
            super(RefKind.TAG);
        }

        @Override
        int execute() {
            TarnUri uri = kind.parse(tag);
            JsonNode t = fetch(uri);
            return print(t, "Tag:       " + uri, "Commit ID: " + t.path("commit_id").asText());
        }
    }

    @Command(name = "delete", description = "Delete a tag (the commit stays).")
    static final class Delete extends RefCommand {
        @Parameters(paramLabel = "TAG", description = "lakefs://<repository>/<tag>")
        String tag;

        Delete() {
            super(RefKind.TAG);
        }

        @Override
        int execute() {
            return delete(kind.parse(tag));
        }
    }
}
