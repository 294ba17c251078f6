package io.tarn.gateway.s3.auth;

import java.nio.charset.StandardCharsets;

/**
 * The key SigV4 signs with, derived from the secret for one date, region and service. Holds key
 * material: never log or print it.
 */
final class SigV4SigningKey {
    private final byte[] key;

    private SigV4SigningKey(byte[] key) {
        this.key = key;
    }

    static SigV4SigningKey derive(String secret, SigV4Credential credential) {
        byte[] date = Hashing.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), credential.date());
        byte[] region = Hashing.hmacSha256(date, credential.region());
        byte[] service = Hashing.hmacSha256(region, SigV4Credential.SERVICE);
        return new SigV4SigningKey(Hashing.hmacSha256(service, SigV4Credential.TERMINATOR));
    }

    /** The signature of a string to sign, as lower-case hex. */
    String sign(String stringToSign) {
        return Hashing.hex(Hashing.hmacSha256(key, stringToSign));
    }

    @Override
    public String toString() {
        return "SigV4SigningKey[redacted]";
    }
}
