package io.tarn.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.api.AlreadyExistsException;
import io.tarn.api.BranchName;
import io.tarn.api.CommitId;
import io.tarn.api.DirtyBranchException;
import io.tarn.api.Entry;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MergeConflict;
import io.tarn.api.MergeConflictException;
import io.tarn.api.NotFoundException;
import io.tarn.api.PreconditionFailedException;
import io.tarn.api.ReadOnlyRefException;
import io.tarn.api.Repository;
import io.tarn.api.RepositoryName;
import io.tarn.api.StorageFailureException;
import io.tarn.api.VersionControl;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler over a stub engine: routing, authentication, and the one mapping of engine errors to statuses. */
class RestApiTest {
    private static final String KEY = "AKTEST";
    private static final String SECRET = "s3cr3t/+=";
    private static final Repository REPO = new Repository(new RepositoryName("my-repo"), "local://my-repo", new BranchName("main"),
            Instant.ofEpochSecond(1_700_000_000));

    private final HttpClient client = HttpClient.newHttpClient();
    /** What the stub engine does, by method name; anything else fails the test. */
    private final Map<String, Function<Object[], Object>> engine = new HashMap<>();
    private Server server;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        VersionControl stub = (VersionControl) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {VersionControl.class},
                (proxy, method, args) -> {
                    Function<Object[], Object> behaviour = engine.get(method.getName());
                    if (behaviour == null) {
                        throw new AssertionError("Unexpected engine call " + method.getName());
                    }
                    return behaviour.apply(args);
                });
        TestUsers users = new TestUsers().with("admin", true, KEY, SECRET);
        Handler next = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(299);
                callback.succeeded();
                return true;
            }
        };
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new RestApi(stub, users, new ServerDescription("9.9.9", "local", "local://"), next));
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        return send(method, path, basic, null);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return Json.MAPPER.readTree(response.body());
    }

    private void failWith(RuntimeException e) {
        engine.put("getRepository", args -> {
            throw e;
        });
    }

    @Test
    void requests_outside_the_api_go_to_the_next_handler() throws Exception {
        assertThat(send("GET", "/my-repo/main/file").statusCode()).isEqualTo(299);
        assertThat(send("GET", "/api/v10").statusCode()).isEqualTo(299);
    }

    @Test
    void s3_signed_requests_under_the_api_go_to_the_next_handler() throws Exception {
        assertThat(send("PUT", "/api/v1/file", "AWS4-HMAC-SHA256 Credential=AKTEST/20260101/us-east-1/s3/aws4_request", "x").statusCode())
                .isEqualTo(299);
        assertThat(send("GET", "/api/v1/file?X-Amz-Signature=abc&X-Amz-Credential=x", null, null).statusCode()).isEqualTo(299);
    }

    @Test
    void a_request_without_credentials_is_401() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/repositories/my-repo", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("message").asText()).isEqualTo("error authenticating request");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void a_wrong_secret_is_401() throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString((KEY + ":nope").getBytes(StandardCharsets.UTF_8));
        assertThat(send("GET", "/api/v1/repositories/my-repo", wrong, null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_repository_is_answered_in_lakefs_json() throws Exception {
        engine.put("getRepository", args -> REPO);
        HttpResponse<String> response = send("GET", "/api/v1/repositories/my-repo");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("id").asText()).isEqualTo("my-repo");
        assertThat(body.path("creation_date").asLong()).isEqualTo(1_700_000_000L);
        assertThat(body.path("default_branch").asText()).isEqualTo("main");
        assertThat(body.path("storage_namespace").asText()).isEqualTo("local://my-repo");
    }

    @Test
    void engine_errors_map_to_lakefs_statuses_with_a_message() throws Exception {
        Map<RuntimeException, Integer> expected = Map.of(
                new NotFoundException(NotFoundException.Kind.REPOSITORY, "my-repo"), 404,
                new AlreadyExistsException("repository", "my-repo"), 409,
                new InvalidArgumentException("ref", "x~~", "bad"), 400,
                new DirtyBranchException("main", "merge"), 400,
                new ReadOnlyRefException("v1", "tag"), 403,
                new PreconditionFailedException("Cannot delete branch 'b': it changed meanwhile"), 412,
                new StorageFailureException("local", "disk full", null), 503);
        for (Map.Entry<RuntimeException, Integer> e : expected.entrySet()) {
            failWith(e.getKey());
            HttpResponse<String> response = send("GET", "/api/v1/repositories/my-repo");
            assertThat(response.statusCode()).as(e.getKey().toString()).isEqualTo(e.getValue());
            assertThat(json(response).path("message").asText()).isEqualTo(e.getKey().getMessage());
        }
    }

    @Test
    void an_unexpected_failure_is_a_500_with_a_message() throws Exception {
        failWith(new IllegalStateException("boom"));
        HttpResponse<String> response = send("GET", "/api/v1/repositories/my-repo");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("message").asText()).contains("boom");
    }

    @Test
    void a_merge_conflict_is_409_listing_every_path() throws Exception {
        Entry entry = new Entry("data/x", 1, "e", Map.of(), "text/plain", Map.of(), Map.of(), Instant.EPOCH);
        engine.put("merge", args -> {
            throw new MergeConflictException("dev", "main", List.of(new MergeConflict("a", entry, entry, entry),
                    new MergeConflict("b", null, entry, entry), new MergeConflict("c", entry, null, entry)));
        });
        HttpResponse<String> response = send("POST", "/api/v1/repositories/my-repo/refs/dev/merge/main");
        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode body = json(response);
        assertThat(body.path("message").asText()).isEqualTo("Cannot merge 'dev' into 'main': 3 conflicts");
        assertThat(body.path("conflicts").findValuesAsText("path")).containsExactly("a", "b", "c");
        assertThat(body.path("conflicts").findValuesAsText("type")).containsExactly("changed_on_both", "added_on_both", "removed_in_source");
    }

    @Test
    void an_unknown_path_is_404_and_a_known_path_with_another_method_405() throws Exception {
        HttpResponse<String> unknown = send("GET", "/api/v1/nothing/here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("message").asText()).contains("/api/v1/nothing/here");
        HttpResponse<String> wrongMethod = send("PATCH", "/api/v1/repositories/my-repo");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("DELETE, GET");
    }

    @Test
    void path_segments_are_decoded_before_they_reach_the_engine() throws Exception {
        Map<String, String> seen = new HashMap<>();
        engine.put("resolve", args -> {
            seen.put("ref", (String) args[1]);
            return new CommitId("a".repeat(64));
        });
        engine.put("getCommit", args -> {
            throw new NotFoundException(NotFoundException.Kind.COMMIT, args[1].toString());
        });
        assertThat(send("GET", "/api/v1/repositories/my-repo/commits/main%7E2").statusCode()).isEqualTo(404);
        assertThat(seen).containsEntry("ref", "main~2");
    }

    @Test
    void the_health_check_and_setup_state_need_no_credentials() throws Exception {
        assertThat(send("GET", "/api/v1/healthcheck", null, null).statusCode()).isEqualTo(204);
        assertThat(json(send("GET", "/api/v1/setup_lakefs", null, null)).path("state").asText()).isEqualTo("initialized");
    }

    @Test
    void the_configuration_describes_the_server() throws Exception {
        JsonNode config = json(send("GET", "/api/v1/config"));
        assertThat(config.path("version_config").path("version").asText()).isEqualTo("9.9.9");
        assertThat(config.path("storage_config").path("blockstore_type").asText()).isEqualTo("local");
        assertThat(config.path("storage_config").path("pre_sign_support").asBoolean(true)).isFalse();
        assertThat(json(send("GET", "/api/v1/user")).path("user").path("id").asText()).isEqualTo("admin");
    }
}
