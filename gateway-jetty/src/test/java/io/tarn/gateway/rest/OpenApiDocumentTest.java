package io.tarn.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document served at /api/v1/openapi.json lists exactly the routes the handler serves. */
class OpenApiDocumentTest {
    @Test
    void the_document_and_the_routes_agree() throws Exception {
        JsonNode doc;
        try (InputStream in = ServerOperations.class.getResourceAsStream(ServerOperations.OPENAPI_RESOURCE)) {
            doc = Json.MAPPER.readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        Set<String> served = new TreeSet<>();
        Set<String> publicRoutes = new TreeSet<>();
        for (Routes.Route route : RestApi.routes(null, null, new ServerDescription("1", "local", "local://")).all()) {
            served.add(route.method() + " " + route.template());
            if (!route.authenticated()) {
                publicRoutes.add(route.method() + " " + route.template());
            }
        }
        assertThat(documented).isEqualTo(served);
        Set<String> documentedPublic = new TreeSet<>();
        for (String route : documented) {
            String[] parts = route.split(" ", 2);
            JsonNode security = doc.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT)).path("security");
            if (security.isArray() && security.isEmpty()) {
                documentedPublic.add(route);
            }
        }
        assertThat(documentedPublic).isEqualTo(publicRoutes);
    }
}
