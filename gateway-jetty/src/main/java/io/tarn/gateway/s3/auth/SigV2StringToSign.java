package io.tarn.gateway.s3.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The string SigV2 signs: method, {@code Content-MD5}, {@code Content-Type}, the date (or the
 * expiry of a presigned request), the {@code x-amz-*} headers, and the resource: the raw path plus
 * the sub-resources S3 includes, sorted by name, their values decoded. The set of sub-resources is
 * botocore's (which also matches the AWS SDK for Java v1): a client that signs a different set
 * gets SignatureDoesNotMatch on those requests.
 */
final class SigV2StringToSign {
    static final Set<String> SUB_RESOURCES = Set.of(
            "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory", "lifecycle",
            "location", "logging", "metrics", "notification", "object-lock", "partNumber", "policy", "replication",
            "requestPayment", "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires", "restore", "select",
            "select-type", "storageClass", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
            "versions", "website");

    private SigV2StringToSign() {}

    /**
     * @param date the {@code Date} header, {@code ""} when {@code x-amz-date} is sent, or the
     *     {@code Expires} of a presigned request
     * @param amzHeaders the {@code x-amz-*} headers, names lower-case, each with its values
     */
    static String of(String method, String contentMd5, String contentType, String date,
            Map<String, List<String>> amzHeaders, String rawPath, QueryString query) {
        StringBuilder out = new StringBuilder(256);
        out.append(method).append('\n');
        out.append(contentMd5 == null ? "" : contentMd5.trim()).append('\n');
        out.append(contentType == null ? "" : contentType.trim()).append('\n');
        out.append(date).append('\n');
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, List<String>> header : amzHeaders.entrySet()) {
            StringJoiner values = new StringJoiner(",");
            header.getValue().forEach(value -> values.add(value.trim()));
            sorted.put(header.getKey().toLowerCase(Locale.ROOT), values.toString());
        }
        sorted.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        out.append(resource(rawPath, query));
        return out.toString();
    }

    static String resource(String rawPath, QueryString query) {
        List<QueryString.Parameter> subResources = new ArrayList<>();
        for (QueryString.Parameter parameter : query.parameters()) {
            if (SUB_RESOURCES.contains(parameter.rawName())) {
                subResources.add(parameter);
            }
        }
        if (subResources.isEmpty()) {
            return rawPath;
        }
        subResources.sort(Comparator.comparing(QueryString.Parameter::rawName));
        StringJoiner joined = new StringJoiner("&", rawPath + "?", "");
        for (QueryString.Parameter parameter : subResources) {
            joined.add(parameter.hasValue() ? parameter.rawName() + "=" + parameter.value() : parameter.rawName());
        }
        return joined.toString();
    }
}
