package io.tarn.gateway.s3;

import io.tarn.api.Entry;
import io.tarn.api.NotFoundException;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The conditional headers of S3: on reads (RFC 7232 order), on writes (If-Match / If-None-Match)
 * and on deletes (If-Match, and the ETag of each DeleteObjects entry).
 */
final class Preconditions {
    /** What a read's conditions decided. */
    enum Outcome { PROCEED, NOT_MODIFIED }

    private Preconditions() {
    }

    /**
     * @param prefix {@code ""} for GET/HEAD, {@code "x-amz-copy-source-"} for a copy's source
     * @throws S3Error PreconditionFailed (412)
     */
    static Outcome checkRead(S3Call call, Entry entry, String prefix) {
        String ifMatch = call.header(prefix + "If-Match");
        String ifNoneMatch = call.header(prefix + "If-None-Match");
        Instant modified = entry.lastModified().plusMillis(999).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (ifMatch != null && !etagMatches(ifMatch, entry.etag())) {
            throw precondition(prefix + "If-Match");
        }
        String unmodifiedSince = call.header(prefix + "If-Unmodified-Since");
        if (ifMatch == null && unmodifiedSince != null) {
            Instant t = date(unmodifiedSince);
            if (t != null && modified.isAfter(t)) {
                throw precondition(prefix + "If-Unmodified-Since");
            }
        }
        if (ifNoneMatch != null && etagMatches(ifNoneMatch, entry.etag())) {
            if (!prefix.isEmpty()) {
                throw precondition(prefix + "If-None-Match");
            }
            return Outcome.NOT_MODIFIED;
        }
        String modifiedSince = call.header(prefix + "If-Modified-Since");
        if (ifNoneMatch == null && modifiedSince != null) {
            Instant t = date(modifiedSince);
            if (t != null && !modified.isAfter(t)) {
                if (!prefix.isEmpty()) {
                    throw precondition(prefix + "If-Modified-Since");
                }
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /** If-None-Match: * (no object there yet) and If-Match: etag (the current object is that one). */
    static void checkPut(VersionControl engine, S3Call call, RepositoryName repo, ObjectKey key) {
        String ifNoneMatch = call.header("If-None-Match");
        String ifMatch = call.header("If-Match");
        if (ifNoneMatch == null && ifMatch == null) {
            return;
        }
        Entry current = current(engine, repo, key);
        if (ifNoneMatch != null && current != null && (ifNoneMatch.trim().equals("*") || etagMatches(ifNoneMatch, current.etag()))) {
            throw precondition("If-None-Match");
        }
        if (ifMatch != null) {
            requireMatch(current, key, ifMatch);
        }
    }

    /** DeleteObject's If-Match: the object is deleted only while it is that version. */
    static void checkDelete(VersionControl engine, S3Call call, RepositoryName repo, ObjectKey key) {
        checkMatch(engine, repo, key, call.header("If-Match"));
    }

    /**
     * @param ifMatch an If-Match value, or {@code null} for no condition
     * @throws S3Error NoSuchKey without an object, PreconditionFailed when it is another version
     */
    static void checkMatch(VersionControl engine, RepositoryName repo, ObjectKey key, String ifMatch) {
        if (ifMatch == null) {
            return;
        }
        requireMatch(current(engine, repo, key), key, ifMatch);
    }

    /** The object at the key now, or {@code null}. */
    private static Entry current(VersionControl engine, RepositoryName repo, ObjectKey key) {
        try {
            return engine.statObject(repo, key.ref(), key.path());
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static void requireMatch(Entry current, ObjectKey key, String ifMatch) {
        if (current == null) {
            throw S3Error.noSuchKey(key.key(), "If-Match needs an existing object");
        }
        if (!etagMatches(ifMatch, current.etag())) {
            throw precondition("If-Match");
        }
    }

    static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.replace("\"", "").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Instant date(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null; // S3 ignores a date it cannot parse
        }
    }

    private static S3Error precondition(String header) {
        return new S3Error("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold (" + header + ")");
    }
}
