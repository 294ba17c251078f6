package io.tarn.gateway.s3.auth;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;

/**
 * The key SigV4 signs with, derived from the secret for one date, region and service. Holds key
 * material: never log or print it.
 */
final class SigV4SigningKey {
    private static final int MAX_REMEMBERED = 4096;
    /** Derived keys by date, region and secret; the secrets are in memory anyway, for verifying. */
    private static final Map<String, byte[]> DERIVED = new ConcurrentHashMap<>();

    // Initialised once: an aws-chunked body signs every chunk with the same key.
    private final Mac mac;

    private SigV4SigningKey(byte[] key) {
        this.mac = Hashing.mac("HmacSHA256", key);
    }

    /**
     * The key for the secret and the credential's date and region. The four HMACs of the derivation
     * run once per secret, day and region: derived keys are remembered (at most
     * {@value #MAX_REMEMBERED}; the memory is cleared when it fills).
     */
    static SigV4SigningKey derive(String secret, SigV4Credential credential) {
        String scope = credential.date() + "/" + credential.region() + "/" + secret;
        byte[] key = DERIVED.get(scope);
        if (key == null) {
            byte[] date = Hashing.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), credential.date());
            byte[] region = Hashing.hmacSha256(date, credential.region());
            byte[] service = Hashing.hmacSha256(region, SigV4Credential.SERVICE);
            key = Hashing.hmacSha256(service, SigV4Credential.TERMINATOR);
            if (DERIVED.size() >= MAX_REMEMBERED) {
                DERIVED.clear();
            }
            DERIVED.put(scope, key);
        }
        return new SigV4SigningKey(key);
    }

    /**
     * The signature of a request: over the string to sign made of the algorithm, the request time,
     * the credential's scope and the SHA-256 of the canonical request. Not thread-safe.
     *
     * @param timestamp the request time, ISO 8601 basic
     */
    String signRequest(String timestamp, SigV4Credential credential, String canonicalRequest) {
        return sign(SigV4Authorization.ALGORITHM + "\n" + timestamp + "\n" + credential.scope() + "\n"
                + Hashing.sha256Hex(canonicalRequest));
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
