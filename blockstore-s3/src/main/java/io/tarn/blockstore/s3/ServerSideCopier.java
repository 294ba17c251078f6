package io.tarn.blockstore.s3;

import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/**
 * Server-side copies: one CopyObject up to {@code multipart-copy-threshold} (at most 5 GiB, S3's
 * limit), above it a multipart upload whose parts are UploadPartCopy ranges of at most the threshold
 * each. Every part is conditioned on the source's ETag, so a source replaced during the copy fails
 * it instead of mixing two objects. Metadata (content type, recorded checksums) travels with the copy.
 */
final class ServerSideCopier {
    private final S3Client s3;
    private final S3Failures failures;
    private final ObjectWriter writer;
    private final long threshold;

    ServerSideCopier(S3Client s3, S3Failures failures, ObjectWriter writer, long threshold) {
        this.s3 = s3;
        this.failures = failures;
        this.writer = writer;
        this.threshold = threshold;
    }

    ObjectStat copy(Location source, Location target) {
        S3Path from = S3Path.ofObject(source);
        S3Path to = S3Path.ofObject(target);
        HeadObjectResponse head = failures.call("copy", source, () -> s3.headObject(r -> r.bucket(from.bucket()).key(from.key())));
        ObjectStat original = S3BlockStore.statOf(source, head);
        if (head.contentLength() <= threshold) {
            CopyObjectResponse response = failures.call("copy to '" + target + "' from", source, () -> s3.copyObject(r -> r
                    .sourceBucket(from.bucket()).sourceKey(from.key()).destinationBucket(to.bucket()).destinationKey(to.key())
                    .copySourceIfMatch(ObjectWriter.quoted(original.etag()))));
            return new ObjectStat(target, original.size(), ObjectWriter.unquoted(response.copyObjectResult().eTag()),
                    response.copyObjectResult().lastModified(), original.checksums());
        }
        return multipartCopy(source, from, target, to, head, original);
    }

    private ObjectStat multipartCopy(Location source, S3Path from, Location target, S3Path to, HeadObjectResponse head, ObjectStat original) {
        long size = original.size();
        long partSize = Math.max(threshold, ceilDiv(size, SupportsMultipartUpload.MAX_PART_NUMBER));
        String uploadId = failures.call("start a multipart copy to", target, () -> s3.createMultipartUpload(r -> r.bucket(to.bucket())
                .key(to.key()).contentType(head.contentType()).metadata(head.metadata()))).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0, number = 1; offset < size; offset += partSize, number++) {
                int part = (int) number;
                String range = "bytes=" + offset + "-" + (Math.min(offset + partSize, size) - 1);
                UploadPartCopyResponse response = failures.callOnUpload("copy " + range + " of '" + source + "' to", target, uploadId,
                        () -> s3.uploadPartCopy(r -> r.sourceBucket(from.bucket()).sourceKey(from.key()).copySourceRange(range)
                                .copySourceIfMatch(ObjectWriter.quoted(original.etag()))
                                .destinationBucket(to.bucket()).destinationKey(to.key()).uploadId(uploadId).partNumber(part)));
                parts.add(CompletedPart.builder().partNumber(part).eTag(response.copyPartResult().eTag()).build());
            }
            var completed = failures.callOnUpload("complete the multipart copy to", target, uploadId,
                    () -> s3.completeMultipartUpload(r -> r.bucket(to.bucket()).key(to.key()).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
            return new ObjectStat(target, size, ObjectWriter.unquoted(completed.eTag()), java.time.Instant.now(), original.checksums());
        } catch (RuntimeException e) {
            writer.abortQuietly(target, to, uploadId);
            throw e;
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
