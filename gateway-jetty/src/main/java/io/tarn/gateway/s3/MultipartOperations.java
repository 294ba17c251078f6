package io.tarn.gateway.s3;

import io.tarn.api.ChecksumType;
import io.tarn.api.Entry;
import io.tarn.api.MultipartUpload;
import io.tarn.api.ObjectContent;
import io.tarn.api.PartLayout;
import io.tarn.api.RepositoryName;
import io.tarn.api.TarnException;
import io.tarn.api.UploadedPart;
import io.tarn.api.VersionControl;
import io.tarn.gateway.RangeHeader;
import io.tarn.gateway.RangeHeader.Span;
import java.io.IOException;
import java.io.InputStream;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Multipart uploads: create, upload part (and part copy), list parts, complete, abort, list
 * uploads. The engine keeps the upload's branch and path; completion stages the object, whose ETag
 * is S3's {@code md5-of-part-md5s-N}.
 */
final class MultipartOperations {
    /** S3's smallest part, but for the last: 5 MiB. */
    static final long MIN_PART_SIZE = 5L << 20;

    private final VersionControl engine;

    MultipartOperations(VersionControl engine) {
        this.engine = engine;
    }

    void create(S3Call call) {
        RepositoryName repo = ObjectOperations.repo(call);
        ObjectKey key = ObjectKey.parse(call.key, true);
        String algorithm = call.header("x-amz-checksum-algorithm");
        String typeHeader = call.header("x-amz-checksum-type");
        Set<String> algorithms = Set.of();
        if (algorithm != null) {
            algorithm = algorithm.trim().toUpperCase(Locale.ROOT);
            if (!ObjectOperations.CHECKSUMS.contains(algorithm)) {
                throw new S3Error("InvalidRequest", 400, "Invalid x-amz-checksum-algorithm '" + algorithm + "': expected one of "
                        + new TreeSet<>(ObjectOperations.CHECKSUMS));
            }
            algorithms = Set.of(algorithm);
        } else if (typeHeader != null) {
            throw new S3Error("InvalidRequest", 400, "The x-amz-checksum-type header '" + typeHeader
                    + "' can only be used with the x-amz-checksum-algorithm header");
        }
        ChecksumType type = typeHeader == null ? ChecksumType.defaultFor(algorithms) : ChecksumType.parse(typeHeader);
        MultipartUpload upload = engine.createMultipartUpload(repo, key.branch(), key.path(),
                ObjectOperations.description(call, ObjectMetadata.fromHeaders(call), Tags.fromHeader(call.header("x-amz-tagging")))
                        .withChecksums(algorithms), type);
        if (algorithm != null) {
            call.setHeader("x-amz-checksum-algorithm", algorithm);
            call.setHeader("x-amz-checksum-type", type.name());
        }
        call.replyXml(200, new S3Xml().root("InitiateMultipartUploadResult").element("Bucket", call.bucket).element("Key", call.key)
                .element("UploadId", upload.uploadId()).close("InitiateMultipartUploadResult"));
    }

    void uploadPart(S3Call call) throws IOException {
        RepositoryName repo = ObjectOperations.repo(call);
        ObjectKey.parse(call.key, true);
        int partNumber = partNumber(call.param("partNumber"));
        String uploadId = call.param("uploadId");
        if (call.header("x-amz-copy-source") != null) {
            copyPart(call, repo, uploadId, partNumber);
            return;
        }
        WriteChecks checks = WriteChecks.of(call);
        UploadedPart part;
        try (InputStream body = call.body()) {
            part = engine.uploadPart(repo, uploadId, partNumber, body, call.auth.decodedLength(), checks.algorithms());
        } catch (TarnException e) {
            RuntimeException cause = S3Gateway.bodyCause(e);
            throw cause != null ? cause : e;
        }
        checks.verify(part.etag(), part.checksums(), call.auth.trailers());
        call.setHeader("ETag", "\"" + part.etag() + "\"");
        part.checksums().forEach((alg, value) -> call.setHeader("x-amz-checksum-" + alg.toLowerCase(Locale.ROOT), value));
        call.replyEmpty(200);
    }

    private void copyPart(S3Call call, RepositoryName repo, String uploadId, int partNumber) throws IOException {
        ObjectCopies.CopySource source = call.copySource();
        RepositoryName sourceRepo = source.repo();
        ObjectKey sourceKey = source.key();
        Entry src = source.stat(engine, call);
        long offset = 0;
        long length = src.size();
        String range = call.header("x-amz-copy-source-range");
        if (range != null) {
            RangeHeader parsed = RangeHeader.parse(range);
            if (parsed == null || parsed.suffix() >= 0 || parsed.last() < 0) {
                throw S3Error.invalidArgument("Invalid x-amz-copy-source-range '" + range + "': expected bytes=first-last");
            }
            Span span = ObjectReads.resolve(parsed, range, src.size());
            offset = span.first();
            length = span.length();
        }
        UploadedPart part;
        try (ObjectContent content = engine.readObject(sourceRepo, sourceKey.ref(), sourceKey.path(), offset, length)) {
            part = engine.uploadPart(repo, uploadId, partNumber, content.stream(), content.length(), Set.of());
        }
        call.replyXml(200, new S3Xml().root("CopyPartResult").element("LastModified", S3Xml.timestamp(part.lastModified()))
                .element("ETag", "\"" + part.etag() + "\"").close("CopyPartResult"));
    }

    void complete(S3Call call) {
        RepositoryName repo = ObjectOperations.repo(call);
        ObjectKey key = ObjectKey.parse(call.key, true);
        String uploadId = call.param("uploadId");
        Completion completion = Completion.parse(call.smallBody());
        if (!completion.checksums().isEmpty()) {
            completion.verifyChecksums(engine.listParts(repo, uploadId));
        }
        Entry entry = engine.completeMultipartUpload(repo, uploadId, completion.parts(), written -> {
            verifyObject(call, completion, written);
            Preconditions.checkPut(engine, call, repo, key);
        });
        S3Xml xml = new S3Xml().root("CompleteMultipartUploadResult")
                .element("Location", "/" + call.bucket + "/" + call.key).element("Bucket", call.bucket).element("Key", call.key)
                .element("ETag", "\"" + entry.etag() + "\"");
        entry.checksums().forEach((alg, value) -> xml.element("Checksum" + alg, value).element("ChecksumType", ChecksumType.of(value).name()));
        call.replyXml(200, xml.close("CompleteMultipartUploadResult"));
    }

    /**
     * Checked before the parts are assembled: S3's smallest part (EntityTooSmall), and the
     * whole-object checksum and size a client may announce on completion.
     */
    private static void verifyObject(S3Call call, Completion completion, Entry written) {
        PartLayout layout = PartLayout.of(written);
        for (int n = 1; layout != null && n < layout.count(); n++) {
            long size = layout.span(n)[1];
            if (size < MIN_PART_SIZE) {
                throw new S3Error("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size: part "
                        + completion.parts().get(n - 1).getKey() + " has " + size + " bytes, and every part but the last needs at least " + MIN_PART_SIZE);
            }
        }
        for (String alg : ObjectOperations.CHECKSUMS) {
            String announced = call.header("x-amz-checksum-" + alg.toLowerCase(Locale.ROOT));
            if (announced != null && !announced.trim().equals(written.checksums().get(alg))) {
                throw new S3Error("BadDigest", 400, "The x-amz-checksum-" + alg.toLowerCase(Locale.ROOT) + " '" + announced
                        + "' you specified did not match the object's checksum '" + written.checksums().getOrDefault(alg, "(none: the upload was created without " + alg + ")") + "'");
            }
        }
        String size = call.header("x-amz-mp-object-size");
        if (size != null && !size.trim().equals(Long.toString(written.size()))) {
            throw new S3Error("InvalidRequest", 400, "The x-amz-mp-object-size '" + size + "' does not match the object's size of "
                    + written.size() + " bytes");
        }
    }

    void abort(S3Call call) {
        engine.abortMultipartUpload(ObjectOperations.repo(call), call.param("uploadId"));
        call.replyEmpty(204);
    }

    void listParts(S3Call call) {
        String uploadId = call.param("uploadId");
        List<UploadedPart> parts = engine.listParts(ObjectOperations.repo(call), uploadId);
        int max = maxParts(call.param("max-parts"));
        int marker = call.param("part-number-marker") == null ? 0 : partNumber(call.param("part-number-marker"));
        S3Xml xml = new S3Xml().root("ListPartsResult").element("Bucket", call.bucket).element("Key", call.key).element("UploadId", uploadId)
                .element("PartNumberMarker", marker).element("MaxParts", max);
        int shown = 0;
        int last = marker;
        boolean truncated = false;
        for (UploadedPart p : parts) {
            if (p.partNumber() <= marker) {
                continue;
            }
            if (shown == max) {
                truncated = true;
                break;
            }
            xml.open("Part").element("PartNumber", p.partNumber()).element("LastModified", S3Xml.timestamp(p.lastModified()))
                    .element("ETag", "\"" + p.etag() + "\"").element("Size", p.size());
            new TreeMap<>(p.checksums()).forEach((alg, value) -> xml.element("Checksum" + alg, value));
            xml.close("Part");
            shown++;
            last = p.partNumber();
        }
        xml.element("NextPartNumberMarker", last).element("IsTruncated", truncated).element("StorageClass", "STANDARD");
        xml.open("Initiator").element("ID", call.auth.accessKeyId()).element("DisplayName", call.auth.accessKeyId()).close("Initiator");
        Acl.owner(xml, call.auth.accessKeyId());
        call.replyXml(200, xml.close("ListPartsResult"));
    }

    void listUploads(S3Call call) {
        RepositoryName repo = BucketOperations.bucketName(call.bucket);
        String prefix = call.param("prefix") == null ? "" : call.param("prefix");
        S3Xml xml = new S3Xml().root("ListMultipartUploadsResult").element("Bucket", call.bucket).element("Prefix", prefix)
                .element("MaxUploads", 1000).element("IsTruncated", false);
        List<MultipartUpload> uploads = new ArrayList<>(engine.listMultipartUploads(repo));
        uploads.sort((a, b) -> (a.branch().value() + "/" + a.path()).compareTo(b.branch().value() + "/" + b.path()));
        int shown = 0;
        for (MultipartUpload u : uploads) {
            String key = u.branch().value() + "/" + u.path();
            if (!key.startsWith(prefix) || shown == 1000) {
                continue;
            }
            xml.open("Upload").element("Key", key).element("UploadId", u.uploadId()).element("Initiated", S3Xml.timestamp(u.initiated()))
                    .element("StorageClass", "STANDARD");
            Acl.owner(xml, call.auth.accessKeyId());
            xml.close("Upload");
            shown++;
        }
        call.replyXml(200, xml.close("ListMultipartUploadsResult"));
    }

    /** A CompleteMultipartUpload body: the parts in order, and any part checksums the client sent. */
    private record Completion(List<Map.Entry<Integer, String>> parts, Map<Integer, Map<String, String>> checksums) {
        static Completion parse(byte[] body) {
            Element root = Xml.parse(body, "CompleteMultipartUpload");
            List<Map.Entry<Integer, String>> parts = new ArrayList<>();
            Map<Integer, Map<String, String>> checksums = new HashMap<>();
            NodeList children = root.getChildNodes();
            int previous = 0;
            for (int i = 0; i < children.getLength(); i++) {
                Node n = children.item(i);
                if (n instanceof Element e && "Part".equals(Xml.localName(e))) {
                    String number = Xml.child(e, "PartNumber");
                    String etag = Xml.child(e, "ETag");
                    if (number == null || etag == null) {
                        throw new S3Error("MalformedXML", 400, "A Part of CompleteMultipartUpload needs a PartNumber and an ETag");
                    }
                    int partNumber = partNumber(number.trim());
                    if (partNumber <= previous) {
                        throw new S3Error("InvalidPartOrder", 400, "The list of parts was not in ascending order: part " + partNumber
                                + " follows part " + previous);
                    }
                    previous = partNumber;
                    parts.add(new AbstractMap.SimpleImmutableEntry<>(partNumber, etag.trim().replace("\"", "")));
                    for (String alg : ObjectOperations.CHECKSUMS) {
                        String value = Xml.child(e, "Checksum" + alg);
                        if (value != null) {
                            checksums.computeIfAbsent(partNumber, k -> new HashMap<>()).put(alg, value.trim());
                        }
                    }
                }
            }
            if (parts.isEmpty()) {
                throw new S3Error("MalformedXML", 400, "CompleteMultipartUpload names no Part");
            }
            return new Completion(parts, checksums);
        }

        /**
         * @throws S3Error InvalidPart when a part checksum the client sent is not the stored part's
         */
        void verifyChecksums(List<UploadedPart> stored) {
            Map<Integer, UploadedPart> byNumber = new HashMap<>();
            stored.forEach(p -> byNumber.put(p.partNumber(), p));
            checksums.forEach((number, sent) -> sent.forEach((alg, value) -> {
                UploadedPart part = byNumber.get(number);
                String actual = part == null ? null : part.checksums().get(alg);
                if (part != null && !value.equals(actual)) {
                    throw new S3Error("InvalidPart", 400, "The Checksum" + alg + " '" + value + "' of part " + number
                            + " does not match the uploaded part's " + (actual == null ? "(it was uploaded without one)" : "'" + actual + "'"));
                }
            }));
        }
    }

    static int partNumber(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1 || n > 10_000) {
                throw S3Error.invalidArgument("Invalid part number '" + value + "': expected 1 to 10000");
            }
            return n;
        } catch (NumberFormatException e) {
            throw S3Error.invalidArgument("Invalid part number '" + value + "': expected 1 to 10000");
        }
    }

    private static int maxParts(String value) {
        if (value == null) {
            return 1000;
        }
        try {
            return Math.max(1, Math.min(1000, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            throw S3Error.invalidArgument("Invalid max-parts '" + value + "': expected a whole number");
        }
    }
}
