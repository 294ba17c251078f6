package io.tarn.gateway.s3;

import io.tarn.api.Branch;
import io.tarn.api.Entry;
import io.tarn.api.ListRequest;
import io.tarn.api.NotFoundException;
import io.tarn.api.ObjectListing;
import io.tarn.api.Page;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * ListObjects (v1) and ListObjectsV2. Keys are {@code <ref>/<path>}: a prefix with a {@code /}
 * lists one ref; a prefix without one works at the branch level, where branches are the common
 * prefixes (with delimiter {@code /}) or their objects follow one another in key order.
 */
final class ListOperations {
    private static final int MAX_KEYS = 1000;
    private final VersionControl engine;

    ListOperations(VersionControl engine) {
        this.engine = engine;
    }

    /** What one listing request found. */
    private record Found(List<ObjectListing.PathEntry> objects, List<String> prefixes, boolean truncated, String nextAfter) {
    }

    void list(S3Call call) {
        RepositoryName repo = BucketOperations.bucketName(call.bucket);
        engine.getRepository(repo);
        boolean v2 = "2".equals(call.param("list-type"));
        String prefix = orEmpty(call.param("prefix"));
        String delimiter = orEmpty(call.param("delimiter"));
        int maxKeys = maxKeys(call.param("max-keys"));
        String after;
        if (v2) {
            String token = call.param("continuation-token");
            after = token != null ? decodeToken(token) : orEmpty(call.param("start-after"));
        } else {
            after = orEmpty(call.param("marker"));
        }
        if (after.compareTo(prefix) < 0 && !prefix.startsWith(after)) {
            after = "";
        }
        Found found = maxKeys == 0 ? new Found(List.of(), List.of(), false, null)
                : prefix.contains("/") ? inRef(repo, prefix, delimiter, after, maxKeys) : atBranchLevel(repo, prefix, delimiter, after, maxKeys);
        String encoding = call.param("encoding-type");
        if (encoding != null && !encoding.equals("url")) {
            throw S3Error.invalidArgument("Invalid Encoding Method specified in Request: encoding-type '" + encoding + "' (only 'url' is supported)");
        }
        boolean url = encoding != null;
        boolean owner = !v2 || "true".equals(call.param("fetch-owner"));
        S3Xml xml = new S3Xml().root("ListBucketResult").element("Name", call.bucket).element("Prefix", encode(prefix, url));
        if (v2) {
            xml.elementIfPresent("ContinuationToken", call.param("continuation-token"));
            xml.elementIfPresent("StartAfter", call.param("start-after") == null ? null : encode(call.param("start-after"), url));
            xml.element("KeyCount", found.objects().size() + found.prefixes().size());
        } else {
            xml.element("Marker", encode(orEmpty(call.param("marker")), url));
        }
        xml.element("MaxKeys", maxKeys);
        if (!delimiter.isEmpty()) {
            xml.element("Delimiter", encode(delimiter, url));
        }
        if (url) {
            xml.element("EncodingType", "url");
        }
        xml.element("IsTruncated", found.truncated());
        if (found.truncated()) {
            if (v2) {
                xml.element("NextContinuationToken", encodeToken(found.nextAfter()));
            } else {
                xml.element("NextMarker", encode(found.nextAfter(), url));
            }
        }
        for (ObjectListing.PathEntry o : found.objects()) {
            Entry e = o.entry();
            xml.open("Contents").element("Key", encode(o.path(), url)).element("LastModified", S3Xml.timestamp(e.lastModified()))
                    .element("ETag", "\"" + e.etag() + "\"").element("Size", e.size()).element("StorageClass", "STANDARD");
            if (owner) {
                Acl.owner(xml, call.auth.accessKeyId());
            }
            xml.close("Contents");
        }
        for (String p : found.prefixes()) {
            xml.open("CommonPrefixes").element("Prefix", encode(p, url)).close("CommonPrefixes");
        }
        call.replyXml(200, xml.close("ListBucketResult"));
    }

    /** Objects of one ref, keys prefixed with the ref. */
    private Found inRef(RepositoryName repo, String prefix, String delimiter, String after, int maxKeys) {
        int slash = prefix.indexOf('/');
        String ref = prefix.substring(0, slash);
        String refPrefix = ref + "/";
        String afterPath;
        if (after.startsWith(refPrefix)) {
            afterPath = after.substring(refPrefix.length());
        } else if (after.compareTo(refPrefix) < 0) {
            afterPath = "";
        } else {
            return new Found(List.of(), List.of(), false, null);
        }
        ObjectListing listing;
        try {
            listing = engine.listObjects(repo, ref, new ListRequest(prefix.substring(slash + 1), delimiter, afterPath, maxKeys));
        } catch (NotFoundException e) {
            return new Found(List.of(), List.of(), false, null); // no such ref: nothing has this prefix
        }
        List<ObjectListing.PathEntry> objects = new ArrayList<>();
        listing.objects().forEach(o -> objects.add(new ObjectListing.PathEntry(refPrefix + o.path(), o.entry())));
        List<String> prefixes = listing.commonPrefixes().stream().map(p -> refPrefix + p).toList();
        return new Found(objects, prefixes, listing.hasMore(), listing.hasMore() ? refPrefix + listing.nextAfter() : null);
    }

    /** Keys of several branches: the branches themselves with delimiter '/', else their objects. */
    private Found atBranchLevel(RepositoryName repo, String prefix, String delimiter, String after, int maxKeys) {
        List<String> branches = new ArrayList<>();
        String page = "";
        while (true) {
            Page<Branch> p = engine.listBranches(repo, page, ListRequest.MAX_AMOUNT);
            p.items().stream().map(b -> b.name().value() + "/").filter(b -> b.startsWith(prefix)).forEach(branches::add);
            if (!p.hasMore()) {
                break;
            }
            page = p.nextAfter();
        }
        branches.sort(Comparator.naturalOrder()); // "a-b/" sorts before "a/", as keys do
        List<ObjectListing.PathEntry> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        for (String branchPrefix : branches) {
            if (delimiter.equals("/")) {
                if (branchPrefix.compareTo(after) <= 0) {
                    continue;
                }
                if (prefixes.size() == maxKeys) {
                    return new Found(objects, prefixes, true, last);
                }
                prefixes.add(branchPrefix);
                last = branchPrefix;
                continue;
            }
            if (!after.isEmpty() && after.compareTo(branchPrefix) > 0 && !after.startsWith(branchPrefix)) {
                continue;
            }
            Found inBranch = inRef(repo, branchPrefix, delimiter, after, maxKeys - objects.size() - prefixes.size() + 1);
            for (ObjectListing.PathEntry o : inBranch.objects()) {
                if (objects.size() + prefixes.size() == maxKeys) {
                    return new Found(objects, prefixes, true, last);
                }
                objects.add(o);
                last = o.path();
            }
            for (String p : inBranch.prefixes()) {
                if (objects.size() + prefixes.size() == maxKeys) {
                    return new Found(objects, prefixes, true, last);
                }
                prefixes.add(p);
                last = p;
            }
            if (inBranch.truncated()) {
                return new Found(objects, prefixes, true, last);
            }
        }
        return new Found(objects, prefixes, false, null);
    }

    private static int maxKeys(String value) {
        if (value == null) {
            return MAX_KEYS;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw S3Error.invalidArgument("Invalid max-keys '" + value + "': it cannot be negative");
            }
            return Math.min(n, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw S3Error.invalidArgument("Invalid max-keys '" + value + "': expected a whole number");
        }
    }

    private static String encode(String s, boolean url) {
        return url ? URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/") : s;
    }

    private static String encodeToken(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Error.invalidArgument("Invalid continuation-token '" + token + "': it was not issued by this listing");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
