package io.tarn.gateway.access;

import java.time.Instant;
import java.util.Objects;

/**
 * An access key id, its secret and the user it belongs to. The secret signs S3 requests (HMAC needs
 * it in the clear) and is the password of HTTP basic authentication; it never appears in
 * {@link #toString()}.
 */
public record AccessKey(String accessKeyId, String secretAccessKey, Instant created, Principal owner) {
    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(owner, "owner");
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + " of " + owner.userId() + ", secret ****]";
    }
}
