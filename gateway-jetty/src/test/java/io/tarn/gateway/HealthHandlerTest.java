package io.tarn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthHandlerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean metadataUp = new AtomicBoolean(true);
    private Server server;
    private URI base;

    private void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("metadata", metadataUp::get);
        Handler notFound = new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response, Callback callback) {
                response.setStatus(404);
                callback.succeeded();
                return true;
            }
        };
        server.setHandler(new HealthHandler("1.2.3", checks, notFound));
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthyServerAnswers200WithStatusVersionAndChecks() throws Exception {
        start();
        HttpResponse<String> response = send("GET", "/_health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"checks\":{\"metadata\":\"ok\"},\"status\":\"ok\",\"version\":\"1.2.3\"}");
    }

    @Test
    void failingCheckAnswers503NamingIt() throws Exception {
        start();
        metadataUp.set(false);
        HttpResponse<String> response = send("GET", "/_health");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"metadata\":\"failing\"").contains("\"status\":\"failing\"");
    }

    @Test
    void headAnswersWithoutBody() throws Exception {
        start();
        HttpResponse<String> response = send("HEAD", "/_health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void otherMethodsAreRefusedWithAllowHeader() throws Exception {
        start();
        HttpResponse<String> response = send("POST", "/_health");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void otherPathsPassToTheNextHandler() throws Exception {
        start();
        assertThat(send("GET", "/_healthz").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    }
}
