package io.tarn.gateway.s3;

/**
 * An S3 error to answer with: the standard code, the HTTP status and a message for people. Thrown
 * by operations, turned into S3's XML error body by {@link S3Gateway}.
 */
final class S3Error extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int status;

    S3Error(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    static S3Error notImplemented(String what) {
        return new S3Error("NotImplemented", 501, what + " is not implemented by Tarn");
    }

    static S3Error invalidArgument(String message) {
        return new S3Error("InvalidArgument", 400, message);
    }

    static S3Error noSuchBucket(String bucket) {
        return new S3Error("NoSuchBucket", 404, "The bucket '" + bucket + "' does not exist (buckets are Tarn repositories)");
    }

    static S3Error noSuchKey(String key, String why) {
        return new S3Error("NoSuchKey", 404, "The key '" + key + "' does not exist" + (why == null ? "" : ": " + why));
    }
}
