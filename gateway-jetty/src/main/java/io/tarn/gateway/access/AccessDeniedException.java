package io.tarn.gateway.access;

/**
 * The caller is authenticated but its user lacks the permission the request needs. The S3 gateway
 * answers 403 AccessDenied, the REST API 401 with lakeFS's message; the message names the user,
 * what was needed and where.
 */
public final class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AccessDeniedException(Principal user, Permission needed, String repository) {
        super("User '" + user.userId() + "' needs " + needed.wireName() + " permission on repository '" + repository + "'"
                + user.level(repository).map(p -> ", and has only " + p.wireName()).orElse(", and has none"));
    }

    public AccessDeniedException(String message) {
        super(message);
    }
}
