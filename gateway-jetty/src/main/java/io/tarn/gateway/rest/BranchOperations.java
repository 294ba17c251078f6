package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.Branch;
import io.tarn.api.BranchName;
import io.tarn.api.CommitRequest;
import io.tarn.api.Page;
import io.tarn.api.RepositoryName;
import io.tarn.api.ResetScope;
import io.tarn.api.VersionControl;
import java.io.IOException;
import java.util.List;

/** Branches: create, get, list, delete, reset (drop staged changes), revert and cherry-pick. */
final class BranchOperations {
    private static final String BRANCH = "/repositories/{repository}/branches/{branch}";

    private final VersionControl engine;

    BranchOperations(VersionControl engine) {
        this.engine = engine;
    }

    void register(Routes routes) {
        routes.add("POST", "/repositories/{repository}/branches", this::create)
                .add("GET", "/repositories/{repository}/branches", this::list)
                .add("GET", BRANCH, call -> {
                    Branch branch = engine.getBranch(call.repository(), call.branch("branch"));
                    call.replyJson(200, Json.ref(branch.name().value(), branch.head()));
                })
                .add("DELETE", BRANCH, call -> {
                    engine.deleteBranch(call.repository(), call.branch("branch"));
                    call.replyEmpty(204);
                })
                .add("PUT", BRANCH, this::reset)
                .add("POST", BRANCH + "/revert", this::revert)
                .add("POST", BRANCH + "/cherry-pick", this::cherryPick);
    }

    /** Answers 201 with the new branch's head commit id as plain text, as lakeFS does. */
    private void create(ApiCall call) throws IOException {
        JsonBody body = call.json();
        BranchName name = new BranchName(body.requiredString("name"));
        String source = body.requiredString("source");
        // `hidden` (lakeFS's ephemeral transaction branches) is accepted; Tarn lists every branch.
        Branch created = engine.createBranch(call.repository(), name, source);
        call.replyText(201, created.head().value());
    }

    private void list(ApiCall call) {
        RepositoryName repository = call.repository();
        Page<Branch> page = Paging.of(call).filter((after, amount) -> engine.listBranches(repository, after, amount), b -> b.name().value());
        List<ObjectNode> results = page.items().stream().map(b -> Json.ref(b.name().value(), b.head())).toList();
        call.replyJson(200, Json.page(results, page.hasMore(), page.nextAfter()));
    }

    private void reset(ApiCall call) throws IOException {
        JsonBody body = call.json();
        String type = body.requiredString("type");
        ResetScope scope = switch (type) {
            case "reset" -> new ResetScope.All();
            case "object" -> new ResetScope.Path(requiredPath(body, type));
            case "common_prefix" -> new ResetScope.Prefix(requiredPath(body, type));
            default -> throw ApiError.badRequest("request body has an error: property \"type\": value is not one of the allowed values"
                    + " [\"object\",\"common_prefix\",\"reset\"]: '" + type + "'");
        };
        engine.reset(call.repository(), call.branch("branch"), scope);
        call.replyEmpty(204);
    }

    private static String requiredPath(JsonBody body, String type) {
        String path = body.string("path", "");
        if (path.isEmpty() && type.equals("object")) {
            throw ApiError.badRequest("request body has an error: property \"path\" is required to reset an object");
        }
        return path;
    }

    /** Answers 204, as lakeFS does; the revert commit is the branch's new head. */
    private void revert(ApiCall call) throws IOException {
        JsonBody body = call.json();
        String ref = body.requiredString("ref");
        int parent = parentNumber(body.requiredInteger("parent_number"));
        engine.revert(call.repository(), call.branch("branch"), ref, parent, overrides(call, body, body.bool("allow_empty")));
        call.replyEmpty(204);
    }

    private void cherryPick(ApiCall call) throws IOException {
        JsonBody body = call.json();
        String ref = body.requiredString("ref");
        int parent = parentNumber(body.integer("parent_number", 0));
        var commit = engine.cherryPick(call.repository(), call.branch("branch"), ref, parent, overrides(call, body, false));
        call.replyJson(201, Json.commit(commit));
    }

    private static int parentNumber(long value) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw ApiError.badRequest("Invalid parent_number " + value + ": expected 0, or a merge commit's parent counted from 1");
        }
        return (int) value;
    }

    /** lakeFS's {@code commit_overrides}: a message and metadata replacing the defaults. */
    private static CommitRequest overrides(ApiCall call, JsonBody body, boolean allowEmpty) {
        JsonBody overrides = body.object("commit_overrides");
        String message = overrides == null ? "" : overrides.string("message", "");
        var metadata = overrides == null ? java.util.Map.<String, String>of() : overrides.stringMap("metadata");
        return new CommitRequest(message, call.user(), metadata, allowEmpty);
    }
}
