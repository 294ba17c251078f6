package io.tarn.gateway.rest;

import io.tarn.gateway.access.Permission;
import io.tarn.gateway.access.Principal;
import java.util.Map;

/**
 * The permission a REST route needs, decided from its method and template, the same rule the S3
 * gateway applies: reading a repository (GET, HEAD) needs read; changing anything in it needs
 * write; deleting the repository itself needs admin. Routes outside a repository decide in their
 * operation: creating a repository needs admin on its name, listing shows only readable ones, and
 * {@code /auth} is for superusers (and users managing their own keys).
 */
final class RouteAccess {
    private static final String REPOSITORY = "/repositories/{repository}";

    private RouteAccess() {
    }

    /** @throws io.tarn.gateway.access.AccessDeniedException when {@code user} may not call the route */
    static void check(Routes.Route route, Map<String, String> parameters, Principal user) {
        String repository = parameters.get("repository");
        if (repository != null && route.template().startsWith(REPOSITORY)) {
            user.require(needed(route), repository);
        }
    }

    static Permission needed(Routes.Route route) {
        return switch (route.method()) {
            case "GET", "HEAD" -> Permission.READ;
            case "DELETE" -> route.template().equals(REPOSITORY) ? Permission.ADMIN : Permission.WRITE;
            default -> Permission.WRITE;
        };
    }
}
