package io.tarn.gateway.s3.auth;

import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.AccessKeys;

/** The failures of authentication, each with the S3 error code and status that S3 answers with. */
final class AuthFailures {
    private AuthFailures() {}

    static S3AuthException anonymous() {
        return new S3AuthException("AccessDenied", 403, "Access Denied: anonymous access is not allowed");
    }

    static S3AuthException accessDenied(String message) {
        return new S3AuthException("AccessDenied", 403, message);
    }

    static S3AuthException expired() {
        return new S3AuthException("AccessDenied", 403, "Request has expired");
    }

    /** The key {@code accessKeyId} names, looked up once; InvalidAccessKeyId when there is none. */
    static AccessKey knownKey(AccessKeys keys, String accessKeyId) {
        return keys.find(accessKeyId).orElseThrow(() -> unknownKey(accessKeyId));
    }

    private static S3AuthException unknownKey(String accessKeyId) {
        return new S3AuthException("InvalidAccessKeyId", 403,
                "The AWS Access Key Id you provided does not exist in our records: '" + accessKeyId + "'");
    }

    static S3AuthException signatureMismatch() {
        return new S3AuthException("SignatureDoesNotMatch", 403,
                "The request signature we calculated does not match the signature you provided."
                        + " Check your key and signing method.");
    }

    /** A signature in the body (of a chunk or the trailers) is wrong or missing. */
    static S3AuthException signatureMismatch(String detail) {
        return new S3AuthException("SignatureDoesNotMatch", 403,
                "The request signature we calculated does not match the signature you provided: " + detail);
    }

    static S3AuthException skewed(String requestTime, String serverTime) {
        return new S3AuthException("RequestTimeTooSkewed", 403,
                "The difference between the request time '" + requestTime + "' and the server's time '"
                        + serverTime + "' is too large.");
    }

    static S3AuthException malformedHeader(String message) {
        return new S3AuthException("AuthorizationHeaderMalformed", 400, "Invalid Authorization header: " + message);
    }

    static S3AuthException malformedQuery(String message) {
        return new S3AuthException("AuthorizationQueryParametersError", 400, message);
    }

    static S3AuthException invalidArgument(String message) {
        return new S3AuthException("InvalidArgument", 400, message);
    }

    static S3AuthException invalidRequest(String message) {
        return new S3AuthException("InvalidRequest", 400, message);
    }

    static S3AuthException incompleteBody(String message) {
        return new S3AuthException("IncompleteBody", 400, message);
    }

    static S3AuthException contentSha256Mismatch() {
        return new S3AuthException("XAmzContentSHA256Mismatch", 400,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
}
