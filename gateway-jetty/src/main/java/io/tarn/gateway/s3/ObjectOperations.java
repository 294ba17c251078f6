package io.tarn.gateway.s3;

import io.tarn.api.Entry;
import io.tarn.api.ObjectWrite;
import io.tarn.api.Repository;
import io.tarn.api.RepositoryName;
import io.tarn.api.TarnException;
import io.tarn.api.VersionControl;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/** Object-level S3 operations on {@code <ref>/<path>} keys. */
final class ObjectOperations {
    static final Set<String> CHECKSUMS = Set.of("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256");
    private static final Set<String> UNSUPPORTED_OBJECT_RESOURCES = Set.of("retention", "legal-hold", "torrent", "restore", "select",
            "attributes", "versionId");

    private final VersionControl engine;
    private final MultipartOperations multipart;

    ObjectOperations(VersionControl engine) {
        this.engine = engine;
        this.multipart = new MultipartOperations(engine);
    }

    MultipartOperations multipart() {
        return multipart;
    }

    void dispatch(S3Call call) throws IOException {
        for (String resource : call.query.keySet()) {
            if (UNSUPPORTED_OBJECT_RESOURCES.contains(resource)) {
                throw S3Error.notImplemented("The object sub-resource '" + resource + "' (" + call.method() + ")");
            }
        }
        switch (call.method()) {
            case "GET" -> {
                if (call.has("uploadId")) {
                    multipart.listParts(call);
                } else if (call.has("tagging")) {
                    getTagging(call);
                } else if (call.has("acl")) {
                    stat(call, ObjectKey.parse(call.key, false));
                    call.replyXml(200, Acl.ownerFullControl(call.auth.accessKeyId()));
                } else {
                    ObjectReads.get(engine, call, repo(call), ObjectKey.parse(call.key, false), false);
                }
            }
            case "HEAD" -> {
                ObjectReads.get(engine, call, repo(call), ObjectKey.parse(call.key, false), true);
            }
            case "PUT" -> {
                if (call.has("uploadId") || call.has("partNumber")) {
                    multipart.uploadPart(call);
                } else if (call.has("tagging")) {
                    putTagging(call);
                } else if (call.has("acl")) {
                    throw S3Error.notImplemented("PutObjectAcl");
                } else if (call.header("x-amz-copy-source") != null) {
                    ObjectCopies.copy(engine, call, repo(call), ObjectKey.parse(call.key, true));
                } else {
                    put(call);
                }
            }
            case "POST" -> {
                if (call.has("uploads")) {
                    multipart.create(call);
                } else if (call.has("uploadId")) {
                    multipart.complete(call);
                } else {
                    throw S3Error.notImplemented("POST on an object with " + call.query.keySet());
                }
            }
            case "DELETE" -> {
                if (call.has("uploadId")) {
                    multipart.abort(call);
                } else if (call.has("tagging")) {
                    replaceTags(call, Map.of());
                    call.replyEmpty(204);
                } else {
                    ObjectKey key = ObjectKey.parse(call.key, true);
                    Preconditions.checkDelete(engine, call, repo(call), key);
                    engine.deleteObject(repo(call), key.branch(), key.path());
                    call.replyEmpty(204);
                }
            }
            default -> throw S3Error.notImplemented(call.method() + " on an object");
        }
    }

    private void put(S3Call call) {
        RepositoryName repo = repo(call);
        ObjectKey key = ObjectKey.parse(call.key, true);
        ObjectWrite description = description(call, ObjectMetadata.fromHeaders(call), Tags.fromHeader(call.header("x-amz-tagging")));
        WriteChecks checks = WriteChecks.of(call);
        Entry written;
        try (InputStream body = call.body()) {
            long length = call.auth.decodedLength();
            written = engine.writeObject(repo, key.branch(), key.path(), body, length, description.withChecksums(checks.algorithms()), entry -> {
                checks.verify(entry, call.auth.trailers());
                Preconditions.checkPut(engine, call, repo, key);
            });
        } catch (IOException e) {
            throw S3Gateway.bodyFailure(e);
        } catch (TarnException e) {
            RuntimeException cause = S3Gateway.bodyCause(e);
            if (cause != null) {
                throw cause;
            }
            throw e;
        }
        call.setHeader("ETag", "\"" + written.etag() + "\"");
        checks.echo(call, written);
        call.replyEmpty(200);
    }

    void deleteObjects(S3Call call) {
        RepositoryName repo = repo(call);
        engine.getRepository(repo); // an unknown bucket fails the whole request, not each key
        DeleteRequest request = DeleteRequest.parse(call.smallBody());
        S3Xml xml = new S3Xml().root("DeleteResult");
        for (DeleteRequest.Target target : request.targets()) {
            String k = target.key();
            try {
                ObjectKey key = ObjectKey.parse(k, true);
                Preconditions.checkMatch(engine, repo, key, target.etag());
                engine.deleteObject(repo, key.branch(), key.path());
                if (!request.quiet()) {
                    xml.open("Deleted").element("Key", k).close("Deleted");
                }
            } catch (S3Error e) {
                xml.open("Error").element("Key", k).element("Code", e.code()).element("Message", e.getMessage()).close("Error");
            } catch (TarnException e) {
                S3Error mapped = S3Gateway.map(e, call);
                xml.open("Error").element("Key", k).element("Code", mapped.code()).element("Message", mapped.getMessage()).close("Error");
            }
        }
        call.replyXml(200, xml.close("DeleteResult"));
    }

    private void getTagging(S3Call call) {
        Entry entry = stat(call, ObjectKey.parse(call.key, false));
        call.replyXml(200, Tags.toXml(entry.tags()));
    }

    private void putTagging(S3Call call) {
        replaceTags(call, Tags.parse(call.smallBody()));
        call.replyEmpty(200);
    }

    private void replaceTags(S3Call call, Map<String, String> tags) {
        RepositoryName repo = repo(call);
        ObjectKey key = ObjectKey.parse(call.key, true);
        Entry e = engine.statObject(repo, key.ref(), key.path());
        engine.stageObject(repo, key.branch(), key.path(),
                new Entry(e.address(), e.size(), e.etag(), e.checksums(), e.contentType(), e.userMetadata(), tags, Instant.now()));
    }

    private Entry stat(S3Call call, ObjectKey key) {
        return engine.statObject(repo(call), key.ref(), key.path());
    }

    static RepositoryName repo(S3Call call) {
        return BucketOperations.bucketName(call.bucket);
    }

    static ObjectWrite description(S3Call call, Map<String, String> metadata, Map<String, String> tags) {
        String contentType = call.header("Content-Type");
        return new ObjectWrite(contentType == null || contentType.isEmpty() ? "binary/octet-stream" : contentType, metadata, tags, Set.of());
    }

    /** Whether the repository's namespace is the one an entry's relative address lives in. */
    static boolean sameNamespace(VersionControl engine, RepositoryName a, RepositoryName b) {
        if (a.equals(b)) {
            return true;
        }
        Repository x = engine.getRepository(a);
        Repository y = engine.getRepository(b);
        return x.storageNamespace().equals(y.storageNamespace());
    }

    static String hexOfBase64(String base64, String what) {
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new S3Error("InvalidDigest", 400, "Invalid " + what + " '" + base64 + "': it is not base64");
        }
    }
}
