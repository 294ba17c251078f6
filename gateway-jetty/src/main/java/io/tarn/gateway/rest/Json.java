package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.DiffEntry;
import io.tarn.api.Entry;
import io.tarn.api.Repository;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine's values in lakeFS's JSON shapes (the schemas of lakeFS's OpenAPI document): field names
 * in snake case, times in Unix seconds.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** lakeFS's {@code max_per_page}: the most items one page holds. */
    static final int MAX_PER_PAGE = 1000;

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode repository(Repository r) {
        return object()
                .put("id", r.name().value())
                .put("creation_date", seconds(r.creationDate()))
                .put("default_branch", r.defaultBranch().value())
                .put("storage_namespace", r.storageNamespace())
                .put("read_only", false);
    }

    /** A branch or a tag: lakeFS's {@code Ref}. */
    static ObjectNode ref(String id, CommitId commit) {
        return object().put("id", id).put("commit_id", commit.value());
    }

    static ObjectNode commit(Commit c) {
        ObjectNode out = object().put("id", c.id().value());
        ArrayNode parents = out.putArray("parents");
        c.parents().forEach(p -> parents.add(p.value()));
        out.put("committer", c.committer())
                .put("message", c.message())
                .put("creation_date", seconds(c.creationDate()))
                .put("meta_range_id", c.metaRangeId());
        strings(out.putObject("metadata"), c.metadata());
        return out.put("generation", c.generation()).put("version", 1);
    }

    /**
     * lakeFS's {@code ObjectStats} of an object.
     *
     * @param namespace the repository's storage namespace, which relative addresses are under
     */
    static ObjectNode objectStats(String path, Entry e, String namespace) {
        ObjectNode out = object()
                .put("path", path)
                .put("path_type", "object")
                .put("physical_address", physicalAddress(e, namespace))
                .put("checksum", e.etag())
                .put("size_bytes", e.size())
                .put("mtime", seconds(e.lastModified()));
        ObjectNode metadata = out.putObject("metadata");
        // Names starting with ':' hold the standard S3 headers kept with the object, not user metadata.
        e.userMetadata().forEach((k, v) -> {
            if (!k.startsWith(":")) {
                metadata.put(k, v);
            }
        });
        return out.put("content_type", e.contentType());
    }

    /** A common prefix in a listing: lakeFS sends the required fields empty. */
    static ObjectNode commonPrefix(String path) {
        return object().put("path", path).put("path_type", "common_prefix").put("physical_address", "").put("checksum", "").put("mtime", 0);
    }

    static String physicalAddress(Entry e, String namespace) {
        if (e.address().contains("://")) {
            return e.address();
        }
        return namespace.endsWith("/") ? namespace + e.address() : namespace + "/" + e.address();
    }

    static ObjectNode diff(DiffEntry d) {
        Entry side = d.right() != null ? d.right() : d.left();
        return object()
                .put("type", d.type().name().toLowerCase(Locale.ROOT))
                .put("path", d.path())
                .put("path_type", "object")
                .put("size_bytes", side.size());
    }

    static ObjectNode changedPrefix(String prefix) {
        return object().put("type", "prefix_changed").put("path", prefix).put("path_type", "common_prefix");
    }

    /**
     * A page in lakeFS's shape: {@code pagination} ({@code next_offset} is the last item's position
     * when there is more, else empty) and {@code results}.
     */
    static ObjectNode page(List<ObjectNode> results, boolean hasMore, String nextOffset) {
        ObjectNode out = object();
        out.putObject("pagination")
                .put("has_more", hasMore)
                .put("next_offset", hasMore ? nextOffset : "")
                .put("results", results.size())
                .put("max_per_page", MAX_PER_PAGE);
        out.putArray("results").addAll(results);
        return out;
    }

    static long seconds(Instant t) {
        return t.getEpochSecond();
    }

    private static void strings(ObjectNode into, Map<String, String> values) {
        values.forEach(into::put);
    }
}
