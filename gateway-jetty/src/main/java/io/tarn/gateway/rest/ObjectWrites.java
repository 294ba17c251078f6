package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.BranchName;
import io.tarn.api.Entry;
import io.tarn.api.NotFoundException;
import io.tarn.api.ObjectWrite;
import io.tarn.api.PreconditionFailedException;
import io.tarn.api.ReadOnlyRefException;
import io.tarn.api.RepositoryName;
import io.tarn.api.StorageFailureException;
import io.tarn.api.TarnException;
import io.tarn.api.VersionControl;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;

/** Writing objects to a branch: upload (multipart form or raw bytes, streamed), delete, batch delete, copy. */
final class ObjectWrites {
    private static final String OBJECTS = "/repositories/{repository}/branches/{branch}/objects";
    /** lakeFS's header prefix for user metadata on uploads. */
    private static final String METADATA_PREFIX = "x-lakefs-meta-";
    /** lakeFS's limit on one batch delete. */
    static final int MAX_DELETE_PATHS = 1000;

    private final VersionControl engine;

    ObjectWrites(VersionControl engine) {
        this.engine = engine;
    }

    void register(Routes routes) {
        routes.add("POST", OBJECTS, this::upload)
                .add("DELETE", OBJECTS, this::delete)
                .add("POST", OBJECTS + "/delete", this::deleteMany)
                .add("POST", OBJECTS + "/copy", this::copy);
    }

    /**
     * Stages the request's bytes at {@code path}. The body is the {@code content} part of a
     * {@code multipart/form-data} form (the generated SDK) or the bytes themselves (the high-level
     * SDK); either way it streams to storage. {@code If-None-Match: *} refuses to overwrite (412),
     * {@code If-Match} requires the current ETag (412).
     */
    private void upload(ApiCall call) throws IOException {
        RepositoryName repository = call.repository();
        BranchName branch = call.branch("branch");
        String path = call.requiredQuery("path");
        String namespace = engine.getRepository(repository).storageNamespace();
        // The engine checks that the branch is writable before it reads the body.
        boolean mustBeAbsent = checkPreconditions(call, repository, branch, path);
        String contentType = call.header("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            contentType = "application/octet-stream";
        }
        InputStream body = call.body();
        long length = call.contentLength();
        if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            MultipartForm.Part part = new MultipartForm(body, MultipartForm.boundary(contentType)).part("content");
            contentType = part.contentType();
            body = part.content();
            length = -1;
        }
        ObjectWrite description = new ObjectWrite(contentType, metadata(call), Map.of(), Set.of());
        Entry entry;
        try (InputStream in = body) {
            entry = engine.writeObject(repository, branch, path, in, length, description, written -> {
                if (mustBeAbsent && exists(repository, branch.value(), path)) {
                    throw new PreconditionFailedException("path already exists");
                }
            });
        } catch (StorageFailureException e) {
            // A malformed form or a body cut short surfaces from the engine as a failed write.
            ApiError clientFault = ApiError.causeOf(e);
            throw clientFault != null ? clientFault : e;
        }
        call.replyJson(201, Json.objectStats(path, entry, namespace));
    }

    /** @return whether the object must not exist (If-None-Match: *), to be checked again before staging */
    private boolean checkPreconditions(ApiCall call, RepositoryName repository, BranchName branch, String path) {
        String ifNoneMatch = call.header("If-None-Match");
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw ApiError.badRequest("Unsupported value for If-None-Match - Only \"*\" is supported");
            }
            if (exists(repository, branch.value(), path)) {
                throw new ApiError(412, "path already exists");
            }
        }
        String ifMatch = call.header("If-Match");
        if (ifMatch != null) {
            String current;
            try {
                current = engine.statObject(repository, branch.value(), path).etag();
            } catch (NotFoundException e) {
                throw new ApiError(412, "If-Match " + ifMatch + ": path '" + path + "' does not exist");
            }
            String wanted = ifMatch.trim().replace("\"", "");
            if (!wanted.equals("*") && !wanted.equals(current)) {
                throw new ApiError(412, "If-Match " + ifMatch + ": the object's ETag is \"" + current + "\"");
            }
        }
        return ifNoneMatch != null;
    }

    private boolean exists(RepositoryName repository, String ref, String path) {
        try {
            engine.statObject(repository, ref, path);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** {@code x-lakefs-meta-<name>} headers, by lower-case name. */
    private static Map<String, String> metadata(ApiCall call) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HttpField f : call.headers()) {
            String name = f.getLowerCaseName();
            if (name.startsWith(METADATA_PREFIX) && name.length() > METADATA_PREFIX.length()) {
                out.put(name.substring(METADATA_PREFIX.length()), f.getValue());
            }
        }
        return out;
    }

    /** As lakeFS: deleting a path that does not exist is a 404. */
    private void delete(ApiCall call) {
        RepositoryName repository = call.repository();
        BranchName branch = call.branch("branch");
        String path = call.requiredQuery("path");
        engine.statObject(repository, branch.value(), path);
        engine.deleteObject(repository, branch, path);
        call.replyEmpty(204);
    }

    /** Deletes up to 1000 paths; a path that does not exist is no error. Per-path failures are listed, not thrown. */
    private void deleteMany(ApiCall call) throws IOException {
        RepositoryName repository = call.repository();
        BranchName branch = call.branch("branch");
        List<String> paths = call.json().requiredStrings("paths");
        if (paths.size() > MAX_DELETE_PATHS) {
            throw ApiError.badRequest("request size exceeded, max paths is set to " + MAX_DELETE_PATHS + " (got " + paths.size() + ")");
        }
        ObjectNode out = Json.object();
        var errors = out.putArray("errors");
        for (String path : paths) {
            try {
                engine.deleteObject(repository, branch, path);
            } catch (ReadOnlyRefException | NotFoundException e) {
                throw e; // the branch itself is missing or not writable: no path can be deleted
            } catch (TarnException e) {
                ApiError error = ApiError.from(e);
                errors.addObject().put("status_code", error.status()).put("message", e.getMessage()).put("path", path);
            }
        }
        call.replyJson(200, out);
    }

    /**
     * Copies {@code src_path} at {@code src_ref} (the destination branch by default) to
     * {@code dest_path}: the new entry points at the same stored bytes, which are never modified.
     */
    private void copy(ApiCall call) throws IOException {
        RepositoryName repository = call.repository();
        BranchName branch = call.branch("branch");
        String destination = call.requiredQuery("dest_path");
        JsonBody body = call.json();
        String sourcePath = body.requiredString("src_path");
        String sourceRef = body.string("src_ref", "");
        String namespace = engine.getRepository(repository).storageNamespace();
        Entry source = engine.statObject(repository, sourceRef.isEmpty() ? branch.value() : sourceRef, sourcePath);
        Entry copy = new Entry(source.address(), source.size(), source.etag(), source.checksums(), source.contentType(),
                source.userMetadata(), source.tags(), Instant.now());
        engine.stageObject(repository, branch, destination, copy);
        call.replyJson(201, Json.objectStats(destination, copy, namespace));
    }
}
