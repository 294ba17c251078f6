package io.tarn.gateway.s3.auth;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;

/**
 * The key SigV4 signs with, derived from the secret for one date, region and service. Holds key
 * material: never log or print it.
 */
final class SigV4SigningKey {
    // Initialised once: an aws-chunked body signs every chunk with the same key.
    private final Mac mac;

    private SigV4SigningKey(byte[] key) {
        this.mac = Hashing.mac("HmacSHA256", key);
    }

    static SigV4SigningKey derive(String secret, SigV4Credential credential) {
        byte[] date = Hashing.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), credential.date());
        byte[] region = Hashing.hmacSha256(date, credential.region());
        byte[] service = Hashing.hmacSha256(region, SigV4Credential.SERVICE);
        return new SigV4SigningKey(Hashing.hmacSha256(service, SigV4Credential.TERMINATOR));
    }

    /** The signature of a string to sign, as lower-case hex. Not thread-safe: one request's key. */
    String sign(String stringToSign) {
        return Hashing.hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "SigV4SigningKey[redacted]";
    }
}
