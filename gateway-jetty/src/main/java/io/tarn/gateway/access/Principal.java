package io.tarn.gateway.access;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user as the access rules see it: a superuser may do everything, including managing users;
 * anyone else may do in a repository what the grant for that repository, or the grant for every
 * repository ({@link #ALL_REPOSITORIES}), allows — the higher of the two.
 *
 * @param grants repository name (or {@code *}) to permission
 */
public record Principal(String userId, Instant created, boolean superuser, Map<String, Permission> grants) {
    /** The grant key that covers every repository, present and future. */
    public static final String ALL_REPOSITORIES = "*";

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(created, "created");
        grants = Map.copyOf(grants);
    }

    /** Whether this user may do what {@code needed} allows in {@code repository}. */
    public boolean may(Permission needed, String repository) {
        return superuser || level(repository).map(p -> p.includes(needed)).orElse(false);
    }

    /** The user's level in {@code repository}, if any (a superuser's is always admin). */
    public Optional<Permission> level(String repository) {
        if (superuser) {
            return Optional.of(Permission.ADMIN);
        }
        Permission own = grants.get(repository);
        Permission all = grants.get(ALL_REPOSITORIES);
        if (own == null) {
            return Optional.ofNullable(all);
        }
        return Optional.of(all == null || own.includes(all) ? own : all);
    }

    /**
     * @throws AccessDeniedException naming the user, the repository and the level needed, unless
     *     {@link #may} allows it
     */
    public void require(Permission needed, String repository) {
        if (!may(needed, repository)) {
            throw new AccessDeniedException(this, needed, repository);
        }
    }

    /** @throws AccessDeniedException unless this user is a superuser */
    public void requireSuperuser(String what) {
        if (!superuser) {
            throw new AccessDeniedException("User '" + userId + "' may not " + what + ": only a superuser may");
        }
    }
}
