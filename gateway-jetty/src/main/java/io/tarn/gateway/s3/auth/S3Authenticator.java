package io.tarn.gateway.s3.auth;

import io.tarn.gateway.access.AccessKeys;
import java.time.Clock;

/**
 * Verifies S3 request signatures: SigV4 (Authorization header and presigned query) and SigV2
 * (header and query), with every SigV4 payload mode. Thread-safe.
 *
 * <p>What it checks, in S3's terms:
 *
 * <ul>
 *   <li>No signature at all: AccessDenied (Tarn has no anonymous access). More than one (a header
 *       and a signed query): InvalidArgument. An {@code Authorization} of another kind:
 *       InvalidArgument.
 *   <li>SigV4 header: a malformed header is AuthorizationHeaderMalformed; an unknown key
 *       InvalidAccessKeyId; a request time ({@code x-amz-date}, else {@code Date}) more than 15
 *       minutes off RequestTimeTooSkewed; a missing {@code x-amz-content-sha256} InvalidRequest; an
 *       {@code x-amz-*} header left out of SignedHeaders AccessDenied; a wrong signature
 *       SignatureDoesNotMatch. Any region is accepted.
 *   <li>SigV4 presigned: malformed or missing parameters, or {@code X-Amz-Expires} over 604800,
 *       are AuthorizationQueryParametersError; past its expiry AccessDenied "Request has expired".
 *       The payload is {@code UNSIGNED-PAYLOAD} unless {@code x-amz-content-sha256} is sent.
 *   <li>SigV2: {@code Authorization: AWS key:signature} with a 15-minute skew, or the query
 *       {@code AWSAccessKeyId}, {@code Expires}, {@code Signature} with its expiry. The resource
 *       signed is the raw path as received, behind {@code /<bucket>} for a virtual-hosted request
 *       (see {@link SignedRequest#hostBucket}).
 * </ul>
 *
 * <p>The body is checked as it is read: see {@link Authentication#payload}. Each request looks its
 * access key up once; the {@link Authentication} carries the key found, owner included.
 */
public final class S3Authenticator {
    private final SigV4Verifier sigV4;
    private final SigV2Verifier sigV2;

    /** @param keys where the access keys that sign requests are found, with their secrets and owners */
    public S3Authenticator(AccessKeys keys, Clock clock) {
        this.sigV4 = new SigV4Verifier(keys, clock);
        this.sigV2 = new SigV2Verifier(keys, clock);
    }

    /**
     * @throws S3AuthException when the request carries no valid signature (anonymous requests
     *     included: Tarn has no anonymous access)
     */
    public Authentication authenticate(SignedRequest request) {
        String authorization = request.header("authorization");
        if (authorization != null && authorization.isBlank()) {
            authorization = null;
        }
        QueryString query = QueryString.parse(request.rawQuery());
        boolean sigV4Query = query.contains("X-Amz-Algorithm") || query.contains("X-Amz-Credential")
                || query.contains("X-Amz-Signature");
        boolean sigV2Query = query.contains("AWSAccessKeyId") || query.contains("Signature");
        if (authorization != null) {
            if (sigV4Query || sigV2Query) {
                throw AuthFailures.invalidArgument("Only one auth mechanism allowed; only the X-Amz-Algorithm query"
                        + " parameter, Signature query string parameter or the Authorization header should be"
                        + " specified");
            }
            if (authorization.startsWith(SigV4Authorization.ALGORITHM + " ")) {
                return sigV4.verifyHeader(request, authorization, query);
            }
            if (authorization.startsWith("AWS ")) {
                return sigV2.verifyHeader(request, authorization, query);
            }
            throw AuthFailures.invalidArgument("Unsupported Authorization Type");
        }
        if (sigV4Query) {
            return sigV4.verifyPresigned(request, query);
        }
        if (sigV2Query) {
            return sigV2.verifyQuery(request, query);
        }
        throw AuthFailures.anonymous();
    }
}
