package io.tarn.blockstore.s3;

import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.InvalidPartException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.NoSuchUploadException;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.PreconditionFailedException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the SDK's exceptions into the SPI's: S3's error codes for a missing key, a lost
 * precondition, an unknown upload or a bad part become the matching subclass; everything else is a
 * plain {@link BlockStoreException} whose message names the backend ({@code s3}, where it is, the
 * bucket and the key) and S3's or the network's own words, so an operator sees which backend failed.
 */
final class S3Failures {
    private final String backend;

    /** @param backend where requests go, for messages: an endpoint or an AWS region */
    S3Failures(String backend) {
        this.backend = backend;
    }

    /** Runs one S3 call on behalf of {@code action} on {@code location}, translating its failure. */
    <T> T call(String action, Location location, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(action, location, null, e);
        }
    }

    /** Like {@link #call} for calls on a multipart upload, so that NoSuchUpload names it. */
    <T> T callOnUpload(String action, Location location, String uploadId, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(action, location, uploadId, e);
        }
    }

    /**
     * The SPI exception for {@code e}.
     *
     * @param uploadId the multipart upload the call was about, or {@code null}
     */
    BlockStoreException translate(String action, Location location, String uploadId, SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = errorCode(s3);
            int status = s3.statusCode();
            if ("NoSuchUpload".equals(code) && uploadId != null) {
                return new NoSuchUploadException(uploadId, location);
            }
            if ("InvalidPart".equals(code)) {
                return new InvalidPartException("Invalid part list for '" + location + "': " + s3.awsErrorDetails().errorMessage(), false);
            }
            if ("InvalidPartOrder".equals(code)) {
                return new InvalidPartException("Invalid part order for '" + location + "': " + s3.awsErrorDetails().errorMessage(), true);
            }
            if (status == 412 || "ConditionalRequestConflict".equals(code)) {
                return new PreconditionFailedException("Cannot " + action + " '" + location + "': its precondition does not hold (S3 "
                        + status + " " + code + ")");
            }
            if (status == 404 && !"NoSuchBucket".equals(code)) {
                return new ObjectNotFoundException(location);
            }
        }
        return failure(action, location, describe(e), e);
    }

    /** A backend failure without an SDK exception behind it, for example a mismatching ETag. */
    BlockStoreException failure(String action, Location location, String cause, Throwable e) {
        S3Path path = S3Path.of(location);
        return new BlockStoreException("Cannot " + action + " '" + location + "' on s3 (" + backend + ", bucket '" + path.bucket()
                + "', key '" + path.key() + "'): " + cause, e);
    }

    static boolean isNotFound(SdkException e) {
        return e instanceof S3Exception s3 && s3.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(s3));
    }

    static boolean isInvalidRange(SdkException e) {
        return e instanceof S3Exception s3 && (s3.statusCode() == 416 || "InvalidRange".equals(errorCode(s3)));
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static String describe(SdkException e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            String code = errorCode(s3);
            String message = s3.awsErrorDetails().errorMessage();
            if ("NoSuchBucket".equals(code)) {
                return "the bucket does not exist (S3 404 NoSuchBucket)";
            }
            return "S3 " + s3.statusCode() + (code == null || code.isEmpty() ? "" : " " + code) + (message == null ? "" : ": " + message);
        }
        return e.getMessage();
    }
}
