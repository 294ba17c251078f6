package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.CommitRequest;
import io.tarn.api.LogRequest;
import io.tarn.api.Page;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/** Commits: commit a branch, get a commit (by any ref), and the log with lakeFS's filters. */
final class CommitOperations {
    /**
     * RFC 3339 date-times, and the generated SDK's {@code %Y-%m-%dT%H:%M:%S.%f%z} (an offset without a
     * colon, or none for a naive time, taken as UTC).
     */
    private static final DateTimeFormatter SINCE = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    private final VersionControl engine;

    CommitOperations(VersionControl engine) {
        this.engine = engine;
    }

    void register(Routes routes) {
        routes.add("POST", "/repositories/{repository}/branches/{branch}/commits", this::commit)
                .add("GET", "/repositories/{repository}/commits/{commitId}", call -> {
                    RepositoryName repository = call.repository();
                    // lakeFS resolves any ref here: the high-level SDK asks for a branch's or a tag's commit this way.
                    CommitId id = engine.resolve(repository, call.path("commitId"));
                    call.replyJson(200, Json.commit(engine.getCommit(repository, id)));
                })
                .add("GET", "/repositories/{repository}/refs/{ref}/commits", this::log);
    }

    private void commit(ApiCall call) throws IOException {
        if (call.query("source_metarange") != null) {
            throw ApiError.notImplemented("Cannot commit a source metarange: Tarn commits what is staged on the branch");
        }
        JsonBody body = call.json();
        String message = body.requiredString("message");
        if (body.has("date")) {
            throw ApiError.notImplemented("Cannot set a commit's date: Tarn records the time of the commit");
        }
        CommitRequest request = new CommitRequest(message, call.user(), body.stringMap("metadata"), body.bool("allow_empty"));
        Commit commit = engine.commit(call.repository(), call.branch("branch"), request);
        call.replyJson(201, Json.commit(commit));
    }

    /**
     * lakeFS's log: {@code objects} (exact paths) and {@code prefixes} keep the commits that changed
     * them, {@code first_parent} follows first parents only, {@code since} stops at
     * the first commit older than that time, {@code stop_at} after the commit that ref names.
     */
    private void log(ApiCall call) {
        RepositoryName repository = call.repository();
        Paging paging = Paging.of(call);
        List<String> objects = call.queryAll("objects");
        List<String> prefixes = call.queryAll("prefixes");
        Instant since = since(call.query("since"));
        String stopAtRef = call.query("stop_at");
        CommitId stopAt = stopAtRef == null || stopAtRef.isEmpty() ? null : engine.resolve(repository, stopAtRef);
        Page<Commit> page = engine.log(repository, call.path("ref"), new LogRequest(call.flag("first_parent"), objects, prefixes, paging.after(),
                paging.amount()));
        List<ObjectNode> results = new ArrayList<>();
        boolean hasMore = page.hasMore();
        for (Commit c : page.items()) {
            if (since != null && c.creationDate().isBefore(since)) {
                hasMore = false;
                break;
            }
            results.add(Json.commit(c));
            if (c.id().equals(stopAt)) {
                hasMore = false;
                break;
            }
        }
        call.replyJson(200, Json.page(results, hasMore, page.nextAfter()));
    }

    private static Instant since(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim(), SINCE).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("parameter \"since\" in query has an error: expected a date-time such as 2026-01-31T12:00:00Z, got '" + raw + "'");
        }
    }
}
