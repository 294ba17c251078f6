package io.tarn.gateway.s3.auth;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The credential of a SigV4 signature, {@code AKID/20130524/us-east-1/s3/aws4_request}: who signed
 * and the scope the signing key was derived for. Any region is accepted; the service must be
 * {@code s3}.
 *
 * @param accessKeyId the access key id
 * @param date the scope's date, {@code yyyyMMdd}
 * @param region the scope's region, as the client named it
 */
record SigV4Credential(String accessKeyId, String date, String region) {
    static final String SERVICE = "s3";
    static final String TERMINATOR = "aws4_request";

    /**
     * @param malformed makes the exception to throw for a malformed credential (the error code
     *     differs between the Authorization header and the query string)
     */
    static SigV4Credential parse(String text, Function<String, S3AuthException> malformed) {
        String[] parts = text.split("/", -1);
        if (parts.length < 5) {
            throw malformed.apply("Invalid credential '" + text + "': expected <key>/<date>/<region>/s3/aws4_request");
        }
        int n = parts.length;
        String accessKeyId = String.join("/", Arrays.copyOf(parts, n - 4));
        String date = parts[n - 4];
        String region = parts[n - 3];
        if (accessKeyId.isEmpty()) {
            throw malformed.apply("Invalid credential '" + text + "': no access key id");
        }
        if (!date.matches("[0-9]{8}")) {
            throw malformed.apply("Invalid credential date '" + date + "': expected yyyyMMdd");
        }
        if (region.isEmpty()) {
            throw malformed.apply("Invalid credential '" + text + "': no region");
        }
        if (!SERVICE.equals(parts[n - 2])) {
            throw malformed.apply("Invalid credential service '" + parts[n - 2] + "': expected 's3'");
        }
        if (!TERMINATOR.equals(parts[n - 1])) {
            throw malformed.apply("Invalid credential terminator '" + parts[n - 1] + "': expected 'aws4_request'");
        }
        return new SigV4Credential(accessKeyId, date, region);
    }

    /** The credential scope, {@code 20130524/us-east-1/s3/aws4_request}. */
    String scope() {
        return date + "/" + region + "/" + SERVICE + "/" + TERMINATOR;
    }
}
