package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.server.cli.TarnClient.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn repo create|list|show|delete}. */
@Command(name = "repo", description = "Create, list, show and delete repositories.",
        subcommands = {RepoCommand.Create.class, RepoCommand.ListRepositories.class, RepoCommand.Show.class, RepoCommand.Delete.class})
public final class RepoCommand extends CommandGroup {

    @Command(name = "create", description = "Create a repository whose objects are stored under a storage namespace.")
    static final class Create extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REPOSITORY", description = "lakefs://<repository>")
        String repository;

        @Parameters(index = "1", paramLabel = "STORAGE_NAMESPACE", description = "Where the objects go, e.g. local://my-repo or s3://bucket/prefix.")
        String namespace;

        @Option(names = {"-d", "--default-branch"}, paramLabel = "BRANCH", defaultValue = "main", description = "The default branch (default: ${DEFAULT-VALUE}).")
        String defaultBranch;

        @Override
        int execute() {
            TarnUri uri = TarnUri.repositoryOnly(repository);
            ObjectNode body = TarnClient.MAPPER.createObjectNode().put("name", uri.repository()).put("storage_namespace", namespace)
                    .put("default_branch", defaultBranch);
            JsonNode created = client().send("POST", "/repositories", new Query(), body);
            return print(created, () -> out().println("Repository '" + created.path("id").asText() + "' created: storage namespace "
                    + created.path("storage_namespace").asText() + ", default branch " + created.path("default_branch").asText()));
        }
    }

    @Command(name = "list", description = "List repositories.")
    static final class ListRepositories extends ClientCommand {
        @Mixin
        PagingOptions paging;

        @Override
        int execute() {
            TarnClient.Listing listing = paging.list(client(), "/repositories");
            return print(listing(listing), () -> {
                List<String[]> rows = new ArrayList<>();
                for (JsonNode r : listing.items()) {
                    rows.add(new String[] {r.path("id").asText(), r.path("default_branch").asText(), r.path("storage_namespace").asText(),
                        time(r.path("creation_date"))});
                }
                table(rows, "REPOSITORY", "DEFAULT BRANCH", "STORAGE NAMESPACE", "CREATED");
                moreHint(listing);
            });
        }
    }

    @Command(name = "show", description = "Show a repository's settings.")
    static final class Show extends ClientCommand {
        @Parameters(paramLabel = "REPOSITORY", description = "lakefs://<repository>")
        String repository;

        @Override
        int execute() {
            TarnUri uri = TarnUri.repositoryOnly(repository);
            JsonNode r = client().get(TarnClient.path("repositories", uri.repository()), new Query());
            return print(r, "Repository:        " + r.path("id").asText(), "Storage namespace: " + r.path("storage_namespace").asText(),
                    "Default branch:    " + r.path("default_branch").asText(), "Created:           " + time(r.path("creation_date")));
        }
    }

    @Command(name = "delete",
            description = "Delete a repository: its branches, tags and history (the stored objects stay in the storage namespace).")
    static final class Delete extends ClientCommand {
        @Parameters(paramLabel = "REPOSITORY", description = "lakefs://<repository>")
        String repository;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed when there is no terminal to ask on).")
        boolean yes;

        @Override
        int execute() {
            TarnUri uri = TarnUri.repositoryOnly(repository);
            confirm(yes, "Delete repository '" + uri.repository() + "'?", "Cannot delete repository '" + uri.repository() + "'");
            client().send("DELETE", TarnClient.path("repositories", uri.repository()), new Query(), null);
            return printDeleted(uri, "Repository '" + uri.repository() + "' deleted.");
        }
    }
}
