package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.AlreadyExistsException;
import io.tarn.api.DirtyBranchException;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MergeConflict;
import io.tarn.api.MergeConflictException;
import io.tarn.api.NotFoundException;
import io.tarn.api.PreconditionFailedException;
import io.tarn.api.ReadOnlyRefException;
import io.tarn.api.StorageFailureException;
import io.tarn.api.UnsupportedByStorageException;
import io.tarn.api.TarnException;

/**
 * An answer other than success: an HTTP status and lakeFS's error body {@code {"message": "..."}},
 * sometimes with more fields (a conflicting merge lists its conflicts). {@link #from} is the one place
 * engine exceptions become HTTP statuses.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ObjectNode body;

    ApiError(int status, String message) {
        this(status, message, null);
    }

    private ApiError(int status, String message, ObjectNode body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    /**
     * An authenticated user without the permission a request needs: 401 with lakeFS's
     * {@code insufficient permissions}, followed by what was missing.
     */
    static ApiError forbidden(io.tarn.gateway.access.AccessDeniedException e) {
        return new ApiError(401, "insufficient permissions: " + e.getMessage());
    }

    static ApiError notImplemented(String message) {
        return new ApiError(501, message);
    }

    /** The API error a failure carries among its causes (a client's fault inside an I/O or storage failure), or {@code null}. */
    static ApiError causeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiError error) {
                return error;
            }
        }
        return null;
    }

    int status() {
        return status;
    }

    /** The JSON body: {@code message} first, then any further fields. */
    ObjectNode body() {
        ObjectNode out = Json.MAPPER.createObjectNode().put("message", getMessage());
        if (body != null) {
            out.setAll(body);
        }
        return out;
    }

    /**
     * The status lakeFS gives for the engine's error: not found 404, exists or conflict 409, invalid
     * input and a dirty branch 400 (as lakeFS's ErrDirtyBranch), a read-only ref 403, a precondition
     * 412, storage 503.
     */
    static ApiError from(TarnException e) {
        if (e instanceof NotFoundException) {
            return new ApiError(404, e.getMessage());
        }
        if (e instanceof MergeConflictException conflict) {
            return conflict(conflict);
        }
        if (e instanceof AlreadyExistsException) {
            return new ApiError(409, e.getMessage());
        }
        if (e instanceof InvalidArgumentException || e instanceof DirtyBranchException) {
            return new ApiError(400, e.getMessage());
        }
        if (e instanceof ReadOnlyRefException) {
            return new ApiError(403, e.getMessage());
        }
        if (e instanceof PreconditionFailedException) {
            return new ApiError(412, e.getMessage());
        }
        if (e instanceof StorageFailureException) {
            return new ApiError(503, e.getMessage());
        }
        if (e instanceof UnsupportedByStorageException) {
            return notImplemented(e.getMessage());
        }
        return new ApiError(500, e.getMessage());
    }

    /** 409 with every conflicting path, and lakeFS's MergeResult field {@code reference} (empty: nothing was merged). */
    private static ApiError conflict(MergeConflictException e) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("reference", "");
        var list = body.putArray("conflicts");
        for (MergeConflict c : e.conflicts()) {
            list.addObject().put("path", c.path()).put("type", conflictType(c));
        }
        return new ApiError(409, e.getMessage(), body);
    }

    private static String conflictType(MergeConflict c) {
        if (c.source() == null) {
            return "removed_in_source";
        }
        if (c.destination() == null) {
            return "removed_in_destination";
        }
        return c.base() == null ? "added_on_both" : "changed_on_both";
    }
}
