package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.Entry;
import io.tarn.api.ObjectContent;
import io.tarn.api.ObjectListing;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import io.tarn.gateway.RangeHeader;
import io.tarn.gateway.RangeHeader.Span;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Reading objects at any ref: get (with one byte range), head, stat, list. */
final class ObjectReads {
    private static final String OBJECTS = "/repositories/{repository}/refs/{ref}/objects";

    private final VersionControl engine;

    ObjectReads(VersionControl engine) {
        this.engine = engine;
    }

    void register(Routes routes) {
        routes.add("GET", OBJECTS, call -> get(call, false))
                .add("HEAD", OBJECTS, call -> get(call, true))
                .add("GET", OBJECTS + "/stat", this::stat)
                .add("GET", OBJECTS + "/ls", this::list)
                .add("GET", OBJECTS + "/underlyingProperties", call -> {
                    engine.statObject(call.repository(), call.path("ref"), call.requiredQuery("path"));
                    call.replyJson(200, Json.object().putNull("storage_class"));
                });
    }

    private void get(ApiCall call, boolean head) throws IOException {
        refusePresign(call);
        RepositoryName repository = call.repository();
        String ref = call.path("ref");
        String path = call.requiredQuery("path");
        Entry entry = engine.statObject(repository, ref, path);
        String etag = "\"" + entry.etag() + "\"";
        if (etag.equals(call.header("If-None-Match"))) {
            call.setHeader("ETag", etag);
            call.replyEmpty(304);
            return;
        }
        call.setHeader("ETag", etag);
        call.setHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(entry.lastModified().atOffset(ZoneOffset.UTC)));
        call.setHeader("Content-Type", entry.contentType());
        call.setHeader("Accept-Ranges", "bytes");
        // As lakeFS: neither browsers nor proxies may keep the content.
        call.setHeader("Cache-Control", "no-store, must-revalidate");
        call.setHeader("Expires", "0");
        call.setHeader("X-Content-Type-Options", "nosniff");
        String range = call.header("Range");
        long offset = 0;
        long length = entry.size();
        int status = 200;
        if (range != null) {
            // lakeFS answers 416 to a range it cannot serve, malformed or several ranges included.
            RangeHeader parsed = RangeHeader.parse(range);
            Span span = parsed == null ? null : parsed.resolve(entry.size());
            if (span == null) {
                call.unsatisfiableRange(entry.size());
                throw new ApiError(416, "Requested Range Not Satisfiable: '" + range + "' for an object of " + entry.size() + " bytes");
            }
            offset = span.first();
            length = span.length();
            status = 206;
            call.setHeader("Content-Range", span.contentRange(entry.size()));
        }
        if (head) {
            call.replyHead(status, length);
            return;
        }
        ObjectContent content = engine.readObject(repository, ref, path, offset, length);
        call.replyStream(status, content.length(), content.stream());
    }

    private void stat(ApiCall call) {
        refusePresign(call);
        RepositoryName repository = call.repository();
        String path = call.requiredQuery("path");
        Entry entry = engine.statObject(repository, call.path("ref"), path);
        ObjectNode stats = Json.objectStats(path, entry, engine.getRepository(repository).storageNamespace());
        if ("false".equals(call.query("user_metadata"))) {
            stats.putObject("metadata");
        }
        call.replyJson(200, stats);
    }

    /** Objects and common prefixes together in path order, as lakeFS lists them. */
    private void list(ApiCall call) {
        refusePresign(call);
        RepositoryName repository = call.repository();
        Paging paging = Paging.of(call);
        String delimiter = call.query("delimiter") == null ? "" : call.query("delimiter");
        String namespace = engine.getRepository(repository).storageNamespace();
        ObjectListing listing = engine.listObjects(repository, call.path("ref"),
                new io.tarn.api.ListRequest(paging.prefix(), delimiter, paging.after(), paging.amount()));
        boolean withMetadata = !"false".equals(call.query("user_metadata"));
        List<ObjectNode> results = new ArrayList<>(listing.objects().size() + listing.commonPrefixes().size());
        int o = 0;
        int p = 0;
        while (o < listing.objects().size() || p < listing.commonPrefixes().size()) {
            boolean takeObject = p == listing.commonPrefixes().size() || o < listing.objects().size()
                    && Paging.compare(listing.objects().get(o).path(), listing.commonPrefixes().get(p)) < 0;
            if (takeObject) {
                ObjectListing.PathEntry e = listing.objects().get(o++);
                ObjectNode stats = Json.objectStats(e.path(), e.entry(), namespace);
                if (!withMetadata) {
                    stats.remove("metadata");
                }
                results.add(stats);
            } else {
                results.add(Json.commonPrefix(listing.commonPrefixes().get(p++)));
            }
        }
        call.replyJson(200, Json.page(results, listing.hasMore(), listing.nextAfter()));
    }

    /** Tarn hands out no presigned URLs (its {@code /config} says so): bytes go through the API. */
    private static void refusePresign(ApiCall call) {
        if (call.flag("presign")) {
            throw ApiError.badRequest("Cannot presign: Tarn's storage offers no presigned URLs (pre_sign_support is false); read through the API");
        }
    }
}
