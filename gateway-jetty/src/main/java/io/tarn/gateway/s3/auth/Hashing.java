package io.tarn.gateway.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The digests and MACs that S3 signatures are made of; every JDK provides these algorithms. */
final class Hashing {
    private static final HexFormat HEX = HexFormat.of();

    /** SHA-256 of the empty string, the payload hash of a request without a body. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private Hashing() {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot find SHA-256 in this JDK", e);
        }
    }

    static String sha256Hex(String text) {
        return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] hmacSha256(byte[] key, String data) {
        return mac("HmacSHA256", key, data);
    }

    static byte[] hmacSha1(byte[] key, String data) {
        return mac("HmacSHA1", key, data);
    }

    private static byte[] mac(String algorithm, byte[] key, String data) {
        return mac(algorithm, key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** A MAC initialised with the key, to use for several messages (doFinal resets it). Not thread-safe. */
    static Mac mac(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute " + algorithm, e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static boolean isLowerHex(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares a signature received with the one computed, in time that does not depend on where
     * they differ, so that a caller cannot find the expected signature byte by byte.
     */
    static boolean sameSignature(String received, String expected) {
        return MessageDigest.isEqual(
                received.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
