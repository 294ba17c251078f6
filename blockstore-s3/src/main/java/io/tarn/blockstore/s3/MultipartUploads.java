package io.tarn.blockstore.s3;

import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.DigestingInputStream;
import io.tarn.blockstore.spi.DigestingInputStream.Digest;
import io.tarn.blockstore.spi.InvalidPartException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.NoSuchUploadException;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.SupportsMultipartUpload.PartInfo;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * {@link SupportsMultipartUpload} on S3's own multipart uploads, so completed objects carry S3's
 * {@code md5(part md5s)-N} ETags.
 *
 * <p>A part of known length up to {@code part-size} is buffered (the SDK can then retry it), a longer
 * one is streamed (not retried: the caller's stream cannot be replayed). A part of unknown length is
 * buffered up to {@code part-size} and spilled to a temporary file beyond, since S3 needs each part's
 * length before its first byte.
 */
final class MultipartUploads {
    private final S3Client s3;
    private final S3Failures failures;
    private final ObjectWriter writer;

    MultipartUploads(S3Client s3, S3Failures failures, ObjectWriter writer) {
        this.s3 = s3;
        this.failures = failures;
        this.writer = writer;
    }

    String create(Location location, PutOptions options) {
        S3Path path = S3Path.ofObject(location);
        return failures.call("start a multipart upload of", location,
                () -> s3.createMultipartUpload(r -> r.bucket(path.bucket()).key(path.key()).contentType(options.contentType()))).uploadId();
    }

    PartInfo uploadPart(Location location, String uploadId, int number, InputStream data, long length) {
        if (number < 1 || number > SupportsMultipartUpload.MAX_PART_NUMBER) {
            throw new IllegalArgumentException("Invalid part number " + number + ": expected 1 to " + SupportsMultipartUpload.MAX_PART_NUMBER);
        }
        S3Path path = S3Path.ofObject(location);
        DigestingInputStream digesting = new DigestingInputStream(data, length, Set.of());
        PushbackInputStream in = new PushbackInputStream(digesting, 1);
        try {
            return uploadPartOf(location, path, uploadId, number, in, digesting, length);
        } catch (IOException e) {
            throw failures.failure("upload part " + number + " of", location, "the data cannot be read: " + e.getMessage(), e);
        } catch (BlockStoreException e) {
            throw uploadGoneOr(location, path, uploadId, e);
        }
    }

    private PartInfo uploadPartOf(Location location, S3Path path, String uploadId, int number, PushbackInputStream in,
            DigestingInputStream digesting, long length) throws IOException {
        if (length > writer.partSize()) {
            return streamed(location, path, uploadId, number, digesting, length);
        }
        byte[] buffer = in.readNBytes(length >= 0 ? (int) length : writer.partSize());
        int next = in.read();
        if (next < 0) {
            return new PartInfo(number, writer.uploadPart(location, uploadId, number, buffer, buffer.length), buffer.length);
        }
        in.unread(next);
        return spilled(location, path, uploadId, number, buffer, in, digesting);
    }

    /**
     * After a failed part upload: {@link NoSuchUploadException} when the upload is gone (some stores,
     * moto among them, answer a part for an unknown upload with a 500), else the failure itself.
     */
    private BlockStoreException uploadGoneOr(Location location, S3Path path, String uploadId, BlockStoreException failure) {
        if (failure instanceof NoSuchUploadException) {
            return failure;
        }
        try {
            s3.listParts(r -> r.bucket(path.bucket()).key(path.key()).uploadId(uploadId).maxParts(1));
        } catch (SdkException e) {
            BlockStoreException gone = failures.translate("upload a part of", location, uploadId, e);
            if (gone instanceof NoSuchUploadException) {
                return gone;
            }
        }
        return failure;
    }

    private PartInfo streamed(Location location, S3Path path, String uploadId, int number, DigestingInputStream in, long length) throws IOException {
        UploadPartRequest request = UploadPartRequest.builder().bucket(path.bucket()).key(path.key()).uploadId(uploadId)
                .partNumber(number).contentLength(length).overrideConfiguration(writer.timeoutFor(length)).build();
        ReadFailureRecorder source = new ReadFailureRecorder(in);
        String returned;
        try {
            returned = failures.callOnUpload("upload part " + number + " of", location, uploadId,
                    () -> s3.uploadPart(request, RequestBody.fromInputStream(source, length))).eTag();
        } catch (RuntimeException e) {
            if (source.failure != null) {
                // The caller's stream failed (too short, too long, unreadable); the SDK cannot replay it for a retry.
                throw failures.failure("upload part " + number + " of", location, "the data cannot be read: " + source.failure.getMessage(), e);
            }
            throw e;
        }
        Digest digest = in.finish();
        return new PartInfo(number, writer.checkedEtag(location, number, returned, digest.etag()), digest.size());
    }

    /** Remembers the first read failure of a stream the SDK consumes, which the SDK may report only as a failed retry. */
    private static final class ReadFailureRecorder extends FilterInputStream {
        private IOException failure;

        ReadFailureRecorder(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }

    private PartInfo spilled(Location location, S3Path path, String uploadId, int number, byte[] head, InputStream rest,
            DigestingInputStream digesting) throws IOException {
        Path file = Files.createTempFile("tarn-s3-part-", ".bin");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(head);
                rest.transferTo(out);
            }
            Digest digest = digesting.finish();
            UploadPartRequest request = UploadPartRequest.builder().bucket(path.bucket()).key(path.key()).uploadId(uploadId)
                    .partNumber(number).contentLength(digest.size()).contentMD5(ObjectWriter.base64Md5(digest.etag()))
                    .overrideConfiguration(writer.timeoutFor(digest.size())).build();
            String returned = failures.callOnUpload("upload part " + number + " of", location, uploadId,
                    () -> s3.uploadPart(request, RequestBody.fromFile(file))).eTag();
            return new PartInfo(number, writer.checkedEtag(location, number, returned, digest.etag()), digest.size());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    List<PartInfo> listParts(Location location, String uploadId) {
        S3Path path = S3Path.ofObject(location);
        List<PartInfo> parts = new ArrayList<>();
        Integer marker = null;
        while (true) {
            Integer after = marker;
            ListPartsResponse page = failures.callOnUpload("list the parts of", location, uploadId,
                    () -> s3.listParts(r -> r.bucket(path.bucket()).key(path.key()).uploadId(uploadId).partNumberMarker(after)));
            page.parts().forEach(p -> parts.add(new PartInfo(p.partNumber(), ObjectWriter.unquoted(p.eTag()), p.size())));
            if (!Boolean.TRUE.equals(page.isTruncated()) || page.parts().isEmpty()) {
                return parts;
            }
            marker = page.nextPartNumberMarker();
        }
    }

    /**
     * Completes the upload. The part list is checked for order here, and the upload for existence
     * first: S3 may answer a repeated completion of a finished upload with success, where the SPI
     * promises {@link io.tarn.blockstore.spi.NoSuchUploadException}.
     */
    void complete(Location location, String uploadId, List<CompletedPart> parts) {
        S3Path path = S3Path.ofObject(location);
        if (parts.isEmpty()) {
            throw new InvalidPartException("Invalid part list for '" + location + "': a completion needs at least one part", false);
        }
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).partNumber() <= parts.get(i - 1).partNumber()) {
                throw new InvalidPartException("Invalid part order for '" + location + "': part " + parts.get(i).partNumber()
                        + " follows part " + parts.get(i - 1).partNumber() + "; list parts in strictly ascending order", true);
            }
        }
        failures.callOnUpload("complete the multipart upload of", location, uploadId,
                () -> s3.listParts(r -> r.bucket(path.bucket()).key(path.key()).uploadId(uploadId).maxParts(1)));
        List<software.amazon.awssdk.services.s3.model.CompletedPart> completed = parts.stream()
                .map(p -> software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(p.partNumber())
                        .eTag(ObjectWriter.quoted(p.etag())).build())
                .toList();
        failures.callOnUpload("complete the multipart upload of", location, uploadId,
                () -> s3.completeMultipartUpload(r -> r.bucket(path.bucket()).key(path.key()).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed))));
    }

    void abort(Location location, String uploadId) {
        S3Path path = S3Path.ofObject(location);
        failures.callOnUpload("abort the multipart upload of", location, uploadId,
                () -> s3.abortMultipartUpload(r -> r.bucket(path.bucket()).key(path.key()).uploadId(uploadId)));
    }
}
