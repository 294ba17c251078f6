package io.tarn.gateway.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The REST API's routes: a method and a path template under {@code /api/v1} (lakeFS's, such as
 * {@code /repositories/{repository}/branches/{branch}}) to an operation. A template segment in
 * braces matches one non-empty path segment and names it. Built once, then read-only and thread-safe.
 */
final class Routes {
    /** What a route does with a request; it answers through the call or throws an {@link ApiError}. */
    @FunctionalInterface
    interface Operation {
        void handle(ApiCall call) throws IOException;
    }

    /** @param authenticated whether the route needs credentials (lakeFS's {@code security}) */
    record Route(String method, String template, boolean authenticated, Operation operation) {
        List<String> segments() {
            return split(template);
        }
    }

    /** The outcome of matching a request. */
    sealed interface Match {
        record Found(Route route, Map<String, String> parameters) implements Match {
        }

        /** The path is known, not with this method. */
        record WrongMethod(Set<String> allowed) implements Match {
        }

        record Unknown() implements Match {
        }
    }

    private final List<Route> routes = new ArrayList<>();

    Routes add(String method, String template, Operation operation) {
        routes.add(new Route(method, template, true, operation));
        return this;
    }

    Routes addPublic(String method, String template, Operation operation) {
        routes.add(new Route(method, template, false, operation));
        return this;
    }

    List<Route> all() {
        return List.copyOf(routes);
    }

    /** @param segments the request path below {@code /api/v1}, split at '/' and decoded */
    Match match(String method, List<String> segments) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = parameters(route.segments(), segments);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match.Found(route, parameters);
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new Match.Unknown() : new Match.WrongMethod(allowed);
    }

    private static Map<String, String> parameters(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String s = segments.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (s.isEmpty()) {
                    return null;
                }
                out.put(t.substring(1, t.length() - 1), s);
            } else if (!t.equals(s)) {
                return null;
            }
        }
        return out;
    }

    /** "/a/b/" → [a, b]: one leading and one trailing slash are dropped. */
    static List<String> split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
    }
}
