package io.tarn.gateway.access;

import java.util.Optional;

/**
 * Where the gateway finds an access key, its secret and its owner with the owner's current
 * permissions. Called on every request: implementations answer from memory where they can, and
 * are thread-safe.
 */
@FunctionalInterface
public interface AccessKeys {
    /** The key, or empty when the id is unknown (or its user was deleted). */
    Optional<AccessKey> find(String accessKeyId);
}
