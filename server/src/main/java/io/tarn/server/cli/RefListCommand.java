package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Lists a repository's branches or tags: name and commit id. */
abstract class RefListCommand extends ClientCommand {
    @Parameters(paramLabel = "REPOSITORY", description = "lakefs://<repository>")
    String repository;

    @Mixin
    PagingOptions paging;

    private final RefKind kind;

    RefListCommand(RefKind kind) {
        this.kind = kind;
    }

    @Override
    final int execute() {
        TarnUri uri = TarnUri.repositoryOnly(repository);
        TarnClient.Listing listing = paging.list(client(), kind.collectionPath(uri));
        return print(listing(listing), () -> {
            List<String[]> rows = new ArrayList<>();
            for (JsonNode ref : listing.items()) {
                rows.add(new String[] {ref.path("id").asText(), ref.path("commit_id").asText()});
            }
            table(rows, kind.heading(), "COMMIT ID");
            moreHint(listing);
        });
    }
}
