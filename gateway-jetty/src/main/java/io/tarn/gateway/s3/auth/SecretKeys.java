package io.tarn.gateway.s3.auth;

import java.util.Optional;

/** Where the gateway finds the secret of an access key id. Implementations are thread-safe. */
@FunctionalInterface
public interface SecretKeys {
    /** The secret access key for the id, or empty when the id is unknown. */
    Optional<String> secretFor(String accessKeyId);
}
