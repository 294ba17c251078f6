package io.tarn.blockstore.spi;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * S3-style multipart uploads: parts uploaded independently (in any order, re-uploadable), then
 * assembled in one atomic completion. The completed object's ETag is S3's:
 * {@code hex(md5(concat(binary part md5s)))-N}.
 *
 * <p>Part numbers are 1 to 10,000. Backends may impose a minimum part size (S3: 5 MiB for all but
 * the last part); callers that want to be portable keep parts at least that large.
 */
public interface SupportsMultipartUpload {
    int MAX_PART_NUMBER = 10_000;

    /** Starts an upload to {@code location}. @return the upload id */
    String createMultipartUpload(Location location, PutOptions options);

    /**
     * Stores one part, replacing an earlier upload of the same part number.
     *
     * @param length exact length, or {@code -1} when unknown
     * @throws NoSuchUploadException when the upload is unknown, completed or aborted
     * @throws IllegalArgumentException when the part number is outside 1..10,000
     */
    PartInfo uploadPart(Location location, String uploadId, int partNumber, InputStream data, long length);

    /** The parts uploaded so far, by ascending part number. @throws NoSuchUploadException */
    List<PartInfo> listParts(Location location, String uploadId);

    /**
     * Assembles the listed parts, in the order given, into the object, atomically; the upload ends.
     *
     * @throws InvalidPartException when a part was not uploaded, its ETag differs, or the list is not
     *     strictly ascending; the upload stays open
     * @throws NoSuchUploadException when the upload is unknown, completed or aborted
     */
    ObjectStat completeMultipartUpload(Location location, String uploadId, List<CompletedPart> parts);

    /** Discards the upload and its parts. @throws NoSuchUploadException */
    void abortMultipartUpload(Location location, String uploadId);

    /**
     * S3's ETag of an object assembled from parts with these ETags, in order:
     * {@code hex(md5(concat(binary part md5s)))-N}.
     */
    static String multipartEtag(List<String> partEtags) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (String etag : partEtags) {
                md5.update(HexFormat.of().parseHex(etag));
            }
            return HexFormat.of().formatHex(md5.digest()) + "-" + partEtags.size();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JDK lacks it", e);
        }
    }

    /** A stored part. @param etag lower-case hex MD5 of the part, no quotes */
    record PartInfo(int partNumber, String etag, long size) {
        public PartInfo {
            Objects.requireNonNull(etag, "etag");
        }
    }

    /** A part as the completion names it. */
    record CompletedPart(int partNumber, String etag) {
        public CompletedPart {
            Objects.requireNonNull(etag, "etag");
        }
    }
}
