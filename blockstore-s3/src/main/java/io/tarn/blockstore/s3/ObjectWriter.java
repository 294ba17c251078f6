package io.tarn.blockstore.s3;

import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.DigestingInputStream;
import io.tarn.blockstore.spi.DigestingInputStream.Digest;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PreconditionFailedException;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Writes whole objects, never holding more than one part in memory. An object that fits in one
 * part ({@code part-size}, 8 MiB by default) is read into a buffer, then sent in one PutObject with
 * its Content-MD5 and its checksums in user metadata, so that the SDK can retry it. A larger one, or
 * one of unknown length that turns out larger, goes up as a multipart upload in parts of that size,
 * each buffered, retryable and checked by Content-MD5; the upload is aborted if anything fails, so
 * nothing is stored.
 *
 * <p>Size, ETag and checksums come from {@link DigestingInputStream}, as for every backend. For a
 * multipart-uploaded object S3's own ETag (in {@code stat} and listings) is {@code md5(part md5s)-N},
 * and its checksums are not recorded, since they are known only after the last byte.
 */
final class ObjectWriter {
    /** User metadata keys of recorded checksums: {@code x-amz-meta-tarn-checksum-sha256}. */
    static final String CHECKSUM_METADATA_PREFIX = "tarn-checksum-";
    private static final Logger LOG = LoggerFactory.getLogger(ObjectWriter.class);

    private final S3Client s3;
    private final S3Failures failures;
    private final int partSize;
    private final Duration timeout;

    ObjectWriter(S3Client s3, S3Failures failures, long partSize, Duration timeout) {
        this.s3 = s3;
        this.failures = failures;
        this.partSize = Math.toIntExact(partSize);
        this.timeout = timeout;
    }

    /**
     * The time allowed for a call that sends {@code bytes}: the configured timeout plus a second per
     * MiB, so that the timeout bounds a stalled transfer, not a large one.
     */
    AwsRequestOverrideConfiguration timeoutFor(long bytes) {
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeout.plusSeconds(bytes >> 20)).build();
    }

    int partSize() {
        return partSize;
    }

    ObjectStat put(Location location, InputStream data, long length, PutOptions options, WriteCondition condition) {
        S3Path path = S3Path.ofObject(location);
        DigestingInputStream digesting = new DigestingInputStream(data, length, options.checksums());
        PushbackInputStream in = new PushbackInputStream(digesting, 1);
        byte[] first;
        try {
            first = in.readNBytes(length >= 0 ? (int) Math.min(length, partSize) : partSize);
            int next = in.read();
            if (next < 0) {
                return putSingle(location, path, first, digesting.finish(), options, condition);
            }
            in.unread(next);
        } catch (IOException e) {
            throw failures.failure("write", location, "the data cannot be read: " + e.getMessage(), e);
        }
        return putMultipart(location, path, first, in, digesting, options, condition);
    }

    private ObjectStat putSingle(Location location, S3Path path, byte[] bytes, Digest digest, PutOptions options, WriteCondition condition) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(path.bucket()).key(path.key())
                .contentLength((long) bytes.length).contentType(options.contentType())
                .contentMD5(base64Md5(digest.etag())).metadata(checksumMetadata(digest.checksums()))
                .overrideConfiguration(timeoutFor(bytes.length));
        if (condition instanceof WriteCondition.IfAbsent) {
            request.ifNoneMatch("*");
        } else if (condition instanceof WriteCondition.IfMatch ifMatch) {
            request.ifMatch(quoted(ifMatch.etag()));
        }
        RequestBody body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length, options.contentType());
        try {
            failures.call("write", location, () -> s3.putObject(request.build(), body));
        } catch (ObjectNotFoundException e) {
            throw missingForIfMatch(location, condition, e);
        }
        return new ObjectStat(location, digest.size(), digest.etag(), Instant.now(), digest.checksums());
    }

    private ObjectStat putMultipart(Location location, S3Path path, byte[] buffer, InputStream in, DigestingInputStream digesting,
            PutOptions options, WriteCondition condition) {
        String uploadId = failures.call("start a multipart upload of", location, () -> s3.createMultipartUpload(r -> r.bucket(path.bucket())
                .key(path.key()).contentType(options.contentType()))).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int filled = buffer.length;
            for (int number = 1; filled > 0; number++) {
                if (number > SupportsMultipartUpload.MAX_PART_NUMBER) {
                    throw failures.failure("write", location, "the object needs more than 10,000 parts of " + partSize
                            + " bytes; raise blockstore.s3.part-size", null);
                }
                String etag = uploadPart(location, uploadId, number, buffer, filled);
                parts.add(CompletedPart.builder().partNumber(number).eTag(quoted(etag)).build());
                filled = in.readNBytes(buffer, 0, buffer.length);
            }
            Digest digest = digesting.finish();
            CompleteMultipartUploadRequest.Builder request = CompleteMultipartUploadRequest.builder().bucket(path.bucket()).key(path.key())
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts));
            if (condition instanceof WriteCondition.IfAbsent) {
                request.ifNoneMatch("*");
            } else if (condition instanceof WriteCondition.IfMatch ifMatch) {
                request.ifMatch(quoted(ifMatch.etag()));
            }
            try {
                failures.callOnUpload("complete the multipart upload of", location, uploadId, () -> s3.completeMultipartUpload(request.build()));
            } catch (ObjectNotFoundException e) {
                throw missingForIfMatch(location, condition, e);
            }
            return new ObjectStat(location, digest.size(), digest.etag(), Instant.now(), digest.checksums());
        } catch (IOException e) {
            abortQuietly(location, path, uploadId);
            throw failures.failure("write", location, "the data cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abortQuietly(location, path, uploadId);
            throw e;
        }
    }

    /** S3 answers If-Match on a missing key with 404 NoSuchKey; the SPI calls that a lost precondition. */
    private static BlockStoreException missingForIfMatch(Location location, WriteCondition condition, ObjectNotFoundException e) {
        if (condition instanceof WriteCondition.IfMatch ifMatch) {
            return new PreconditionFailedException("Cannot write '" + location + "': it does not exist, and If-Match requires ETag " + ifMatch.etag());
        }
        return e;
    }

    /**
     * Uploads {@code length} bytes of {@code buffer} as a part, with Content-MD5 so S3 checks them,
     * from a body the SDK can replay on a retry.
     *
     * @return the part's ETag, lower-case hex
     */
    String uploadPart(Location location, String uploadId, int number, byte[] buffer, int length) {
        S3Path path = S3Path.ofObject(location);
        String md5 = md5Hex(buffer, length);
        RequestBody body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, "application/octet-stream");
        UploadPartResponse response = failures.callOnUpload("upload part " + number + " of", location, uploadId,
                () -> s3.uploadPart(r -> r.bucket(path.bucket()).key(path.key()).uploadId(uploadId).partNumber(number)
                        .contentLength((long) length).contentMD5(base64Md5(md5)).overrideConfiguration(timeoutFor(length)), body));
        return checkedEtag(location, number, response.eTag(), md5);
    }

    /** S3's ETag of a part, checked against the MD5 of what was sent. */
    String checkedEtag(Location location, int number, String returned, String md5) {
        String etag = unquoted(returned);
        if (etag != null && !etag.equalsIgnoreCase(md5)) {
            throw failures.failure("upload part " + number + " of", location, "S3 stored ETag " + etag + " for bytes whose MD5 is " + md5, null);
        }
        return md5;
    }

    void abortQuietly(Location location, S3Path path, String uploadId) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(path.bucket()).key(path.key()).uploadId(uploadId));
        } catch (SdkException | BlockStoreException e) {
            LOG.warn("Cannot abort the multipart upload {} of '{}' after a failed write: {}", uploadId, location, e.getMessage());
        }
    }

    static Map<String, String> checksumMetadata(Map<ChecksumAlgorithm, String> checksums) {
        Map<String, String> metadata = new HashMap<>();
        checksums.forEach((algorithm, value) -> metadata.put(CHECKSUM_METADATA_PREFIX + algorithm.headerName(), value));
        return metadata;
    }

    /** The checksums recorded in an object's user metadata (keys as S3 returns them, lower case). */
    static Map<ChecksumAlgorithm, String> recordedChecksums(Map<String, String> metadata) {
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        metadata.forEach((key, value) -> {
            String name = key.toLowerCase(Locale.ROOT);
            if (name.startsWith(CHECKSUM_METADATA_PREFIX)) {
                try {
                    checksums.put(ChecksumAlgorithm.parse(name.substring(CHECKSUM_METADATA_PREFIX.length())), value);
                } catch (IllegalArgumentException unknown) {
                    // Written by a newer Tarn with an algorithm this one does not know: not ours to report.
                }
            }
        });
        return checksums;
    }

    static String md5Hex(byte[] buffer, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(buffer, 0, length);
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JDK lacks it", e);
        }
    }

    static String base64Md5(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    /** An ETag as S3 sends it ({@code "…"}) without its quotes, lower case. */
    static String unquoted(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2 ? etag.substring(1, etag.length() - 1) : etag;
        return e.toLowerCase(Locale.ROOT);
    }
}
