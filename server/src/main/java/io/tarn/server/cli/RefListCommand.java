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

    /** The API's collection ({@code branches}, {@code tags}) and the name column's heading. */
    abstract String collection();

    abstract String heading();

    @Override
    final int execute() {
        TarnUri uri = TarnUri.repositoryOnly(repository);
        TarnClient.Listing listing = paging.list(client(), TarnClient.path("repositories", uri.repository(), collection()));
        return print(listing(listing), () -> {
            List<String[]> rows = new ArrayList<>();
            for (JsonNode ref : listing.items()) {
                rows.add(new String[] {ref.path("id").asText(), ref.path("commit_id").asText()});
            }
            table(rows, heading(), "COMMIT ID");
            moreHint(listing);
        });
    }
}
