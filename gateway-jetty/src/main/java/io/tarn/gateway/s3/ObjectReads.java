package io.tarn.gateway.s3;

import io.tarn.api.ChecksumType;
import io.tarn.api.Entry;
import io.tarn.api.ObjectContent;
import io.tarn.api.PartLayout;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import io.tarn.gateway.RangeHeader;
import io.tarn.gateway.RangeHeader.Span;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** GetObject and HeadObject: conditions, one byte range, response header overrides, streaming. */
final class ObjectReads {
    private static final Map<String, String> OVERRIDES = Map.of(
            "response-content-type", "Content-Type",
            "response-content-language", "Content-Language",
            "response-expires", "Expires",
            "response-cache-control", "Cache-Control",
            "response-content-disposition", "Content-Disposition",
            "response-content-encoding", "Content-Encoding");

    private ObjectReads() {
    }

    static void get(VersionControl engine, S3Call call, RepositoryName repo, ObjectKey key, boolean head) throws IOException {
        Entry entry = engine.statObject(repo, key.ref(), key.path());
        if (Preconditions.checkRead(call, entry, "") == Preconditions.Outcome.NOT_MODIFIED) {
            call.setHeader("ETag", "\"" + entry.etag() + "\"");
            call.replyEmpty(304);
            return;
        }
        call.unsatisfiableRange(entry.size());
        Span span = call.has("partNumber") ? part(call, entry) : range(call.header("Range"), entry.size());
        headers(call, entry, span == null);
        for (Map.Entry<String, String> o : OVERRIDES.entrySet()) {
            String value = call.param(o.getKey());
            if (value != null) {
                call.setHeader(o.getValue(), value);
            }
        }
        int status = 200;
        long offset = 0;
        long length = entry.size();
        if (span != null) {
            status = 206;
            offset = span.first();
            length = span.length();
            call.setHeader("Content-Range", span.contentRange(entry.size()));
        }
        if (head) {
            call.replyHead(status, length);
            return;
        }
        ObjectContent content = engine.readObject(repo, key.ref(), key.path(), offset, length);
        call.replyStream(status, content.length(), content.stream());
    }

    /**
     * The first and last byte of the part {@code partNumber} names, or {@code null} for the whole
     * object: an object not written in parts is its own part 1. Sets {@code x-amz-mp-parts-count}.
     *
     * @throws S3Error InvalidPartNumber (416) past the last part; InvalidRequest with a Range too
     */
    private static Span part(S3Call call, Entry entry) {
        if (call.header("Range") != null) {
            throw new S3Error("InvalidRequest", 400, "Cannot specify both Range header and partNumber query parameter");
        }
        int number = MultipartOperations.partNumber(call.param("partNumber"));
        PartLayout layout = PartLayout.of(entry);
        int count = layout == null ? 1 : layout.count();
        if (number > count) {
            throw new S3Error("InvalidPartNumber", 416, "The requested partnumber is not satisfiable: part " + number + " of an object with "
                    + count + (count == 1 ? " part" : " parts"));
        }
        if (layout == null) {
            return null;
        }
        call.setHeader("x-amz-mp-parts-count", Integer.toString(count));
        long[] span = layout.span(number);
        return span[1] == 0 ? null : new Span(span[0], span[0] + span[1] - 1);
    }

    /** @param wholeObject whether the answer carries the whole object (checksums describe only that) */
    static void headers(S3Call call, Entry entry, boolean wholeObject) {
        call.setHeader("ETag", "\"" + entry.etag() + "\"");
        call.setHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(entry.lastModified().atOffset(ZoneOffset.UTC)));
        call.setHeader("Content-Type", entry.contentType());
        call.setHeader("Accept-Ranges", "bytes");
        ObjectMetadata.toHeaders(entry.userMetadata(), call);
        if (!entry.tags().isEmpty()) {
            call.setHeader("x-amz-tagging-count", Integer.toString(entry.tags().size()));
        }
        if (wholeObject && "ENABLED".equalsIgnoreCase(call.header("x-amz-checksum-mode"))) {
            entry.checksums().forEach((alg, value) -> {
                call.setHeader("x-amz-checksum-" + alg.toLowerCase(Locale.ROOT), value);
                call.setHeader("x-amz-checksum-type", ChecksumType.of(value).name());
            });
        }
    }

    /**
     * The bytes a {@code Range} header names, or {@code null} for the whole object: no header, or one
     * S3 ignores (several ranges, another unit, a malformed or backwards range).
     *
     * @throws S3Error InvalidRange (416) when the range covers no byte of the object
     */
    static Span range(String header, long size) {
        RangeHeader range = RangeHeader.parse(header);
        return range == null ? null : resolve(range, header, size);
    }

    /**
     * The bytes {@code range} (parsed from {@code header}) covers in an object of {@code size} bytes.
     *
     * @throws S3Error InvalidRange (416) when it covers none
     */
    static Span resolve(RangeHeader range, String header, long size) {
        Span span = range.resolve(size);
        if (span == null) {
            throw new S3Error("InvalidRange", 416, "The requested range '" + header + "' is not satisfiable: the object has " + size + " bytes");
        }
        return span;
    }
}
