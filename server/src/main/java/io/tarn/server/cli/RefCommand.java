package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.server.cli.TarnClient.Query;

/** A command on one named branch or tag: the shared steps of showing and deleting it. */
abstract class RefCommand extends ClientCommand {
    final RefKind kind;

    RefCommand(RefKind kind) {
        this.kind = kind;
    }

    /** The ref as the server describes it ({@code id}, {@code commit_id}). @throws CliException NOT_FOUND when there is none */
    JsonNode fetch(TarnUri uri) {
        return client().get(kind.path(uri), new Query());
    }

    /** Deletes the ref and says so: {@code {"deleted": uri}}, or "Branch '...' deleted.". */
    int delete(TarnUri uri) {
        client().send("DELETE", kind.path(uri), new Query(), null);
        return printDeleted(uri, kind.title() + " '" + uri + "' deleted.");
    }
}
