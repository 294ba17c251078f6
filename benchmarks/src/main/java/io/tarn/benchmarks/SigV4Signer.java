package io.tarn.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs S3 requests with AWS Signature Version 4 in the Authorization header, over the host, the
 * date and an {@code UNSIGNED-PAYLOAD} body: the cheapest signature a client can send, so the
 * benchmark's load generator spends its CPU on moving bytes rather than on hashing them. The
 * signing key is derived once per day and the digests are reused per thread. Thread-safe.
 */
final class SigV4Signer {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String REGION = "us-east-1";
    private static final String SIGNED_HEADERS = "host;x-amz-content-sha256;x-amz-date";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign requests: this JVM has no SHA-256", e);
        }
    });
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign requests: this JVM has no HmacSHA256", e);
        }
    });

    private final String accessKeyId;
    private final String secretKey;
    private volatile DatedKey signingKey = new DatedKey("", new byte[0]);

    private record DatedKey(String date, byte[] key) {
    }

    SigV4Signer(String accessKeyId, String secretKey) {
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
    }

    /**
     * The headers that sign one request: {@code x-amz-date}, {@code x-amz-content-sha256} and
     * {@code Authorization}.
     *
     * @param host the Host header as the client will send it ({@code 127.0.0.1:port})
     * @param path the request path, already URI-encoded as it goes on the wire; no query string
     */
    Map<String, String> sign(String method, String host, String path, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + REGION + "/s3/aws4_request";
        String canonicalRequest = method + "\n" + path + "\n\n"
                + "host:" + host + "\nx-amz-content-sha256:" + UNSIGNED_PAYLOAD + "\nx-amz-date:" + amzDate + "\n\n"
                + SIGNED_HEADERS + "\n" + UNSIGNED_PAYLOAD;
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + HEX.formatHex(sha256(canonicalRequest));
        String signature = HEX.formatHex(hmac(keyFor(date), stringToSign));
        return Map.of(
                "x-amz-date", amzDate,
                "x-amz-content-sha256", UNSIGNED_PAYLOAD,
                "Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + SIGNED_HEADERS
                        + ", Signature=" + signature);
    }

    private byte[] keyFor(String date) {
        DatedKey current = signingKey;
        if (!current.date().equals(date)) {
            byte[] k = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
            k = hmac(k, REGION);
            k = hmac(k, "s3");
            current = new DatedKey(date, hmac(k, "aws4_request"));
            signingKey = current;
        }
        return current.key();
    }

    private static byte[] sha256(String text) {
        return SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign requests: HmacSHA256 refused its key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
