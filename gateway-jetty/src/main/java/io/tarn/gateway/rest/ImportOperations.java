package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.CommitRequest;
import io.tarn.api.DiffRequest;
import io.tarn.api.DirtyBranchException;
import io.tarn.api.ImportProgress;
import io.tarn.api.ImportRequest;
import io.tarn.api.ImportSource;
import io.tarn.api.RepositoryName;
import io.tarn.api.TarnException;
import io.tarn.api.VersionControl;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lakeFS's zero-copy import: {@code POST …/branches/{branch}/import} starts an import of objects
 * that already exist on a configured backend and answers 202 with its id; {@code GET …/import?id=}
 * reports its progress ({@code ingested_objects}) and, once completed, the commit; {@code DELETE
 * …/import?id=} cancels it (nothing is committed). Imports run on background threads; their status
 * is kept in memory until the server stops.
 */
final class ImportOperations {
    private static final Logger LOG = LoggerFactory.getLogger(ImportOperations.class);
    private static final String IMPORT = "/repositories/{repository}/branches/{branch}/import";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tarn-import");
        thread.setDaemon(true);
        return thread;
    });

    private final VersionControl engine;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    ImportOperations(VersionControl engine) {
        this.engine = engine;
    }

    void register(Routes routes) {
        routes.add("POST", IMPORT, this::start)
                .add("GET", IMPORT, call -> call.replyJson(200, job(call).status()))
                .add("DELETE", IMPORT, call -> {
                    Job job = job(call);
                    if (job.completed) {
                        throw new ApiError(409, "Cannot cancel import '" + job.id + "': it has completed");
                    }
                    job.cancelled = true;
                    call.replyEmpty(204);
                });
    }

    private void start(ApiCall call) throws IOException {
        RepositoryName repository = call.repository();
        BranchName branch = call.branch("branch");
        JsonBody body = call.json();
        List<ImportSource> sources = new ArrayList<>();
        for (JsonBody path : body.requiredObjects("paths")) {
            String type = path.requiredString("type");
            if (!type.equals("common_prefix") && !type.equals("object")) {
                throw ApiError.badRequest("Invalid import path type '" + type + "': expected common_prefix or object");
            }
            sources.add(new ImportSource(path.requiredString("path"), path.string("destination", ""), type.equals("common_prefix")));
        }
        JsonBody commit = body.object("commit");
        if (commit == null) {
            throw ApiError.badRequest("request body has an error: property \"commit\" is missing");
        }
        ImportRequest request = new ImportRequest(sources,
                new CommitRequest(commit.requiredString("message"), call.user(), commit.stringMap("metadata"), false));
        // A missing or dirty branch is an answer now, not a failed job later.
        engine.getBranch(repository, branch);
        if (!engine.diffUncommitted(repository, branch, DiffRequest.twoDot(1)).items().isEmpty()) {
            throw new DirtyBranchException(branch.value(), "import into '" + branch + "'");
        }
        Job job = new Job(HexFormat.of().formatHex(randomBytes()), repository, branch);
        jobs.put(job.id, job);
        RUNNER.execute(() -> job.run(engine, request));
        call.replyJson(202, Json.object().put("id", job.id));
    }

    private Job job(ApiCall call) {
        String id = call.requiredQuery("id");
        Job job = jobs.get(id);
        if (job == null || !job.repository.equals(call.repository()) || !job.branch.equals(call.branch("branch"))) {
            throw ApiError.notFound("Cannot find import '" + id + "' on branch '" + call.path("branch") + "'");
        }
        return job;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[10];
        RANDOM.nextBytes(b);
        return b;
    }

    /** One import: its progress, written by its thread and read by status requests. */
    private static final class Job implements ImportProgress {
        final String id;
        final RepositoryName repository;
        final BranchName branch;
        volatile long ingested;
        volatile Instant updated = Instant.now();
        volatile boolean completed;
        volatile boolean cancelled;
        volatile Commit commit;
        volatile String error;

        Job(String id, RepositoryName repository, BranchName branch) {
            this.id = id;
            this.repository = repository;
            this.branch = branch;
        }

        void run(VersionControl engine, ImportRequest request) {
            try {
                commit = engine.importObjects(repository, branch, request, this);
                completed = true;
            } catch (CancellationException e) {
                error = "Import '" + id + "' was cancelled; nothing was committed";
            } catch (TarnException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                LOG.error("Import {} into {}/{} failed", id, repository, branch, e);
                error = "Import '" + id + "' failed: " + e;
            }
            updated = Instant.now();
        }

        @Override
        public void ingested(long count) {
            ingested = count;
            updated = Instant.now();
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        ObjectNode status() {
            ObjectNode out = Json.object().put("completed", completed).put("update_time", updated.toString()).put("ingested_objects", ingested);
            Commit done = commit;
            if (done != null) {
                out.put("metarange_id", done.metaRangeId());
                out.set("commit", Json.commit(done));
            }
            if (error != null) {
                out.putObject("error").put("message", error);
            }
            return out;
        }
    }
}
