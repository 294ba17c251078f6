package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.BranchName;
import io.tarn.api.CommitId;
import io.tarn.api.DiffEntry;
import io.tarn.api.DiffRequest;
import io.tarn.api.MergeRequest;
import io.tarn.api.MergeResult;
import io.tarn.api.MergeStrategy;
import io.tarn.api.Page;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Between refs: diff (two-dot and three-dot), uncommitted changes, merge, merge base. */
final class RefOperations {
    /** Sorts after every character a path can hold: appended to a common prefix, it skips what the prefix covers. */
    private static final String PAST_PREFIX = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final VersionControl engine;

    RefOperations(VersionControl engine) {
        this.engine = engine;
    }

    void register(Routes routes) {
        routes.add("GET", "/repositories/{repository}/refs/{leftRef}/diff/{rightRef}", this::diffRefs)
                .add("GET", "/repositories/{repository}/branches/{branch}/diff", this::diffBranch)
                .add("POST", "/repositories/{repository}/refs/{sourceRef}/merge/{destinationBranch}", this::merge)
                .add("GET", "/repositories/{repository}/refs/{sourceRef}/merge/{destinationBranch}", this::mergeBase);
    }

    /** lakeFS's default is three-dot (against the merge base); {@code type=two_dot} compares the refs themselves. */
    private void diffRefs(ApiCall call) {
        String type = call.query("type");
        if (type != null && !type.equals("two_dot") && !type.equals("three_dot")) {
            throw ApiError.badRequest("parameter \"type\" in query has an error: value is not one of the allowed values [\"two_dot\",\"three_dot\"]");
        }
        boolean threeDot = !"two_dot".equals(type);
        RepositoryName repository = call.repository();
        String left = call.path("leftRef");
        String right = call.path("rightRef");
        reply(call, request -> engine.diff(repository, left, right, new DiffRequest(threeDot, request.prefix(), request.after(),
                request.amount())));
    }

    private void diffBranch(ApiCall call) {
        RepositoryName repository = call.repository();
        BranchName branch = call.branch("branch");
        reply(call, request -> engine.diffUncommitted(repository, branch, request));
    }

    /**
     * One page of differences. With a {@code delimiter}, the paths below the prefix that hold it are
     * rolled up into one {@code prefix_changed} entry per common prefix, as lakeFS does.
     */
    private static void reply(ApiCall call, Function<DiffRequest, Page<DiffEntry>> differences) {
        Paging paging = Paging.of(call);
        String delimiter = call.query("delimiter") == null ? "" : call.query("delimiter");
        String prefix = paging.prefix();
        String after = paging.after();
        if (!delimiter.isEmpty() && after.equals(rollUp(after, prefix, delimiter))) {
            after = after + PAST_PREFIX; // the previous page ended on a common prefix: skip what it covers
        }
        List<ObjectNode> out = new ArrayList<>();
        String last = null;
        while (true) {
            Page<DiffEntry> page = differences.apply(new DiffRequest(false, prefix, after, paging.amount()));
            boolean restart = false;
            for (DiffEntry d : page.items()) {
                if (out.size() == paging.amount()) {
                    call.replyJson(200, Json.page(out, true, last));
                    return;
                }
                String common = delimiter.isEmpty() ? null : rollUp(d.path(), prefix, delimiter);
                if (common == null) {
                    out.add(Json.diff(d));
                    last = d.path();
                    after = last;
                    continue;
                }
                out.add(Json.changedPrefix(common));
                last = common;
                after = common + PAST_PREFIX;
                restart = true;
                break;
            }
            if (!restart && !page.hasMore()) {
                call.replyJson(200, Json.page(out, false, null));
                return;
            }
        }
    }

    /** The common prefix of {@code path} up to and including the first delimiter past {@code prefix}, or {@code null}. */
    private static String rollUp(String path, String prefix, String delimiter) {
        if (!path.startsWith(prefix)) {
            return null;
        }
        int d = path.indexOf(delimiter, prefix.length());
        return d < 0 ? null : path.substring(0, d + delimiter.length());
    }

    private void merge(ApiCall call) throws IOException {
        JsonBody body = call.optionalJson();
        // lakeFS always writes a merge commit, even where the destination could fast-forward.
        MergeRequest request = new MergeRequest(strategy(body.string("strategy", null)), body.string("message", ""), call.user(),
                body.stringMap("metadata"), true, body.bool("squash_merge"), body.bool("allow_empty"));
        MergeResult result = engine.merge(call.repository(), call.path("sourceRef"), call.branch("destinationBranch"), request);
        call.replyJson(200, Json.object().put("reference", result.head().value()));
    }

    private static MergeStrategy strategy(String name) {
        if (name == null || name.isEmpty()) {
            return MergeStrategy.NONE;
        }
        return switch (name) {
            case "source-wins" -> MergeStrategy.SOURCE_WINS;
            case "dest-wins" -> MergeStrategy.DEST_WINS;
            default -> throw ApiError.badRequest("Invalid merge strategy '" + name + "': expected dest-wins or source-wins");
        };
    }

    private void mergeBase(ApiCall call) {
        RepositoryName repository = call.repository();
        String source = call.path("sourceRef");
        String destination = call.path("destinationBranch");
        CommitId sourceId = engine.resolve(repository, source);
        CommitId destinationId = engine.resolve(repository, destination);
        CommitId base = engine.mergeBase(repository, sourceId.value(), destinationId.value());
        call.replyJson(200, Json.object().put("source_commit_id", sourceId.value()).put("destination_commit_id", destinationId.value())
                .put("base_commit_id", base.value()));
    }
}
