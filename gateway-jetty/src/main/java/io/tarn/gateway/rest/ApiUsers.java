package io.tarn.gateway.rest;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the REST API finds who owns an access key: the same keys that sign S3 requests, presented
 * as HTTP basic credentials. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ApiUsers {
    /** The key's owner and secret, or empty when the id is unknown. */
    Optional<ApiUser> byAccessKey(String accessKeyId);

    /**
     * An access key and the user it belongs to.
     *
     * @param userId the user's name, recorded as the committer of what the key commits
     * @param created when the user was created
     */
    record ApiUser(String userId, String secretAccessKey, Instant created) {
        public ApiUser {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            Objects.requireNonNull(created, "created");
        }

        /** Never shows the secret. */
        @Override
        public String toString() {
            return "ApiUser[" + userId + ", secret ****]";
        }
    }
}
