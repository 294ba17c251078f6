package io.tarn.gateway.access;

import java.util.List;
import java.util.Optional;

/**
 * The users, their access keys and their permissions: what the REST API's {@code /auth} endpoints
 * manage. Every change is durable when the call returns and seen by the next {@link #find}.
 * Thread-safe.
 *
 * <p>Errors are the engine's: {@link io.tarn.api.NotFoundException} (kind {@code USER} or
 * {@code ACCESS_KEY}), {@link io.tarn.api.AlreadyExistsException},
 * {@link io.tarn.api.InvalidArgumentException} naming the value.
 */
public interface UserDirectory extends AccessKeys {
    /** Creates a user without access keys or grants. */
    Principal createUser(String userId, boolean superuser);

    Optional<Principal> user(String userId);

    /** Users in id order after {@code after} (empty: from the start), at most {@code amount}. */
    List<Principal> users(String after, int amount);

    /** Deletes the user and every access key it has. */
    void deleteUser(String userId);

    /** A new access key for the user, with a fresh random secret: the only time the secret is returned. */
    AccessKey createAccessKey(String userId);

    /** The user's access keys, in id order. */
    List<AccessKey> accessKeys(String userId);

    void deleteAccessKey(String userId, String accessKeyId);

    /**
     * Sets the user's permission on {@code repository} ({@link Principal#ALL_REPOSITORIES} for all),
     * replacing any earlier grant there. The repository need not exist yet.
     */
    Principal grant(String userId, String repository, Permission permission);

    /** Removes the user's grant on {@code repository}; removing a missing grant succeeds. */
    Principal revoke(String userId, String repository);
}
