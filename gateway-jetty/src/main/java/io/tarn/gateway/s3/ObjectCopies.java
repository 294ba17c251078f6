package io.tarn.gateway.s3;

import io.tarn.api.Entry;
import io.tarn.api.ObjectContent;
import io.tarn.api.ObjectWrite;
import io.tarn.api.RepositoryName;
import io.tarn.api.VersionControl;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * CopyObject: within a branch, across branches and across repositories. When source and destination
 * share a storage namespace the new entry points at the same bytes (nothing is copied); otherwise
 * the bytes stream from one namespace to the other.
 */
final class ObjectCopies {
    private ObjectCopies() {
    }

    /**
     * The object an {@code x-amz-copy-source} header names: {@code [/]<bucket>/<ref>/<path>},
     * URL-encoded. Parsed through {@link S3Call#copySource()}, once per request.
     */
    record CopySource(RepositoryName repo, ObjectKey key) {
        static CopySource of(S3Call call) {
            String header = call.header("x-amz-copy-source");
            String decoded = S3Call.decode(header, false);
            if (decoded.contains("?versionId=")) {
                throw S3Error.notImplemented("Copying a specific version (versionId)");
            }
            String path = decoded.startsWith("/") ? decoded.substring(1) : decoded;
            int slash = path.indexOf('/');
            if (slash <= 0) {
                throw S3Error.invalidArgument("Invalid x-amz-copy-source '" + header + "': expected <bucket>/<ref>/<path>");
            }
            return new CopySource(BucketOperations.bucketName(path.substring(0, slash)), ObjectKey.parse(path.substring(slash + 1), false));
        }

        /** The source entry, after the request's {@code x-amz-copy-source-if-*} conditions. */
        Entry stat(VersionControl engine, S3Call call) {
            Entry entry = engine.statObject(repo, key.ref(), key.path());
            Preconditions.checkRead(call, entry, "x-amz-copy-source-");
            return entry;
        }
    }

    static void copy(VersionControl engine, S3Call call, RepositoryName repo, ObjectKey target) throws IOException {
        CopySource source = call.copySource();
        RepositoryName sourceRepo = source.repo();
        ObjectKey sourceKey = source.key();
        Entry src = source.stat(engine, call);
        boolean replaceMetadata = "REPLACE".equalsIgnoreCase(call.header("x-amz-metadata-directive"));
        boolean replaceTags = "REPLACE".equalsIgnoreCase(call.header("x-amz-tagging-directive"));
        if (sourceRepo.equals(repo) && sourceKey.equals(target) && !replaceMetadata && !replaceTags) {
            throw new S3Error("InvalidRequest", 400, "This copy request is illegal because it is trying to copy an object to itself "
                    + "without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }
        Map<String, String> metadata = replaceMetadata ? ObjectMetadata.fromHeaders(call) : src.userMetadata();
        String contentType = replaceMetadata && call.header("Content-Type") != null ? call.header("Content-Type") : src.contentType();
        Map<String, String> tags = replaceTags ? Tags.fromHeader(call.header("x-amz-tagging")) : src.tags();
        Entry written;
        // An absolute address is valid anywhere; a relative one only within its own namespace.
        if (src.address().contains("://") || ObjectOperations.sameNamespace(engine, sourceRepo, repo)) {
            written = new Entry(src.address(), src.size(), src.etag(), src.checksums(), contentType, metadata, tags, Instant.now());
            engine.stageObject(repo, target.branch(), target.path(), written);
        } else {
            try (ObjectContent content = engine.readObject(sourceRepo, sourceKey.ref(), sourceKey.path(), 0, -1)) {
                written = engine.writeObject(repo, target.branch(), target.path(), content.stream(), src.size(),
                        new ObjectWrite(contentType, metadata, tags, src.checksums().keySet()));
            }
        }
        call.replyXml(200, new S3Xml().root("CopyObjectResult").element("LastModified", S3Xml.timestamp(written.lastModified()))
                .element("ETag", "\"" + written.etag() + "\"").close("CopyObjectResult"));
    }
}
