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
            TarnUri uri = TarnUri.refOnly(tag, "tag");
            TarnUri target = TarnUri.refOnly(commit, "commit");
            uri.requireSameRepository(target);
            ObjectNode body = TarnClient.MAPPER.createObjectNode().put("id", uri.ref()).put("ref", target.ref()).put("force", force);
            JsonNode created = client().send("POST", TarnClient.path("repositories", uri.repository(), "tags"), new Query(), body);
            return print(created, () -> out().println("Tag '" + uri + "' created at commit " + created.path("commit_id").asText() + "."));
        }
    }

    @Command(name = "list", description = "List a repository's tags.")
    static final class ListTags extends RefListCommand {
        @Override
        String collection() {
            return "tags";
        }

        @Override
        String heading() {
            return "TAG";
        }
    }

    @Command(name = "show", description = "Show the commit a tag points at.")
    static final class Show extends ClientCommand {
        @Parameters(paramLabel = "TAG", description = "lakefs://<repository>/<tag>")
        String tag;

        @Override
        int execute() {
            TarnUri uri = TarnUri.refOnly(tag, "tag");
            JsonNode t = client().get(TarnClient.path("repositories", uri.repository(), "tags", uri.ref()), new Query());
            return print(t, () -> {
                out().println("Tag:       " + uri);
                out().println("Commit ID: " + t.path("commit_id").asText());
            });
        }
    }

    @Command(name = "delete", description = "Delete a tag (the commit stays).")
    static final class Delete extends ClientCommand {
        @Parameters(paramLabel = "TAG", description = "lakefs://<repository>/<tag>")
        String tag;

        @Override
        int execute() {
            TarnUri uri = TarnUri.refOnly(tag, "tag");
            client().send("DELETE", TarnClient.path("repositories", uri.repository(), "tags", uri.ref()), new Query(), null);
            return print(TarnClient.MAPPER.createObjectNode().put("deleted", uri.toString()), () -> out().println("Tag '" + uri + "' deleted."));
        }
    }
}
