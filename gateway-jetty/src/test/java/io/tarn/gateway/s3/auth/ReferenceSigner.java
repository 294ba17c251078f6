package io.tarn.gateway.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SigV4 signer for the tests, written apart from the code under test (straight from the AWS
 * documentation) so that the tests never check that code against itself. The caller gives the
 * canonical query ready-made.
 */
final class ReferenceSigner {
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final String secret;
    private final String region;
    private final Instant time;

    ReferenceSigner(String accessKeyId, String secret, String region, Instant time) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.region = region;
        this.time = time;
    }

    String timestamp() {
        return AMZ_DATE.format(time);
    }

    String scope() {
        return timestamp().substring(0, 8) + "/" + region + "/s3/aws4_request";
    }

    String credential() {
        return accessKeyId + "/" + scope();
    }

    /** The signature over a request; every header given is signed. */
    String sign(String method, String path, String canonicalQuery, Map<String, String> headers, String payloadHash) {
        TreeMap<String, String> sorted = new TreeMap<>(headers);
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n').append(path).append('\n').append(canonicalQuery).append('\n');
        sorted.forEach((name, value) -> canonical.append(name).append(':').append(value.trim()).append('\n'));
        canonical.append('\n').append(String.join(";", sorted.keySet())).append('\n').append(payloadHash);
        return signString("AWS4-HMAC-SHA256\n" + timestamp() + "\n" + scope() + "\n" + sha256Hex(canonical.toString()));
    }

    String authorization(Map<String, String> headers, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + credential() + ", SignedHeaders="
                + String.join(";", new TreeMap<>(headers).keySet()) + ", Signature=" + signature;
    }

    String chunkSignature(String previous, byte[] data) {
        return signString("AWS4-HMAC-SHA256-PAYLOAD\n" + timestamp() + "\n" + scope() + "\n" + previous + "\n"
                + sha256Hex("") + "\n" + sha256Hex(data));
    }

    String trailerSignature(String previous, List<String[]> trailers) {
        StringBuilder canonical = new StringBuilder();
        trailers.forEach(t -> canonical.append(t[0]).append(':').append(t[1]).append('\n'));
        return signString("AWS4-HMAC-SHA256-TRAILER\n" + timestamp() + "\n" + scope() + "\n" + previous + "\n"
                + sha256Hex(canonical.toString()));
    }

    String signString(String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), timestamp().substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
