package io.tarn.gateway.s3.auth;

/**
 * A request failed authentication, or its body failed a signature or hash check. Carries the S3
 * error code and HTTP status to answer with (InvalidAccessKeyId 403, SignatureDoesNotMatch 403,
 * RequestTimeTooSkewed 403, AccessDenied 403, AuthorizationHeaderMalformed 400,
 * AuthorizationQueryParametersError 400, XAmzContentSHA256Mismatch 400, IncompleteBody 400,
 * InvalidRequest 400, InvalidArgument 400, MissingSecurityHeader 400). The message never contains a secret or a full
 * expected signature.
 */
public final class S3AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int status;

    public S3AuthException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
