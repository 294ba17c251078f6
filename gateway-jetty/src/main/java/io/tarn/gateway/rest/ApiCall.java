package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.api.BranchName;
import io.tarn.api.RepositoryName;
import io.tarn.gateway.ClientBody;
import io.tarn.gateway.HttpExchange;
import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One REST request being answered: its path parameters and query (decoded), its body, the user who
 * sent it, and the ways to answer. Operations complete it with exactly one {@code reply*} call, or
 * throw an {@link ApiError}. Not thread-safe.
 */
final class ApiCall extends HttpExchange {
    private final Map<String, String> pathParameters;
    private final Fields query;
    private final AccessKey key;
    private long unsatisfiedRangeSize = -1;

    ApiCall(Request request, Response response, Callback callback, Map<String, String> pathParameters, Fields query,
            AccessKey key) {
        super(request, response, callback);
        this.pathParameters = pathParameters;
        this.query = query;
        this.key = key;
    }

    /** The authenticated user's id (the committer of what this request commits). */
    String user() {
        return key.owner().userId();
    }

    /** The access key that authenticated the request. */
    String accessKeyId() {
        return key.accessKeyId();
    }

    /** The authenticated user and its permissions; {@code null} on public routes. */
    Principal principal() {
        return key == null ? null : key.owner();
    }

    String path(String name) {
        return pathParameters.get(name);
    }

    RepositoryName repository() {
        return new RepositoryName(path("repository"));
    }

    BranchName branch(String parameter) {
        return new BranchName(path(parameter));
    }

    /** A query parameter (the first if repeated), or {@code null}. */
    String query(String name) {
        return query.getValue(name);
    }

    /** Every value of a repeated query parameter, in order; empty when absent. */
    List<String> queryAll(String name) {
        List<String> values = query.getValues(name);
        return values == null ? List.of() : values;
    }

    /** A required query parameter. */
    String requiredQuery(String name) {
        String value = query(name);
        if (value == null) {
            throw ApiError.badRequest("parameter \"" + name + "\" in query has an error: value is required but missing");
        }
        return value;
    }

    /** A boolean query parameter ({@code true} or {@code false}), {@code false} when absent. */
    boolean flag(String name) {
        String value = query(name);
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiError.badRequest("parameter \"" + name + "\" in query has an error: value " + value + ": an invalid boolean");
        };
    }

    Iterable<org.eclipse.jetty.http.HttpField> headers() {
        return request.getHeaders();
    }

    /** The declared body length, or -1 when unknown (chunked). */
    long contentLength() {
        return request.getLength();
    }

    /** The request body; a failed read is the client's fault (a 400 in its causes). */
    InputStream body() {
        return new ClientBody(Content.Source.asInputStream(request), e -> ApiError.badRequest("Cannot read the request body: " + e.getMessage()));
    }

    /** The required JSON object body. */
    JsonBody json() throws IOException {
        try (InputStream in = body()) {
            return JsonBody.parse(in, false);
        }
    }

    /** A JSON object body that may be left out (an empty object then). */
    JsonBody optionalJson() throws IOException {
        try (InputStream in = body()) {
            return JsonBody.parse(in, true);
        }
    }

    void replyJson(int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode a JSON answer: " + e.getMessage(), e);
        }
        replyJson(status, bytes);
    }

    /** Answers with a JSON document already encoded. */
    void replyJson(int status, byte[] json) {
        replyDocument(status, "application/json", json);
    }

    /** A plain-text answer, as lakeFS sends the new branch's commit id. */
    void replyText(int status, String text) {
        replyDocument(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Records the object size a 416 answer names in {@code Content-Range: bytes *}{@code /size}. */
    void unsatisfiableRange(long size) {
        unsatisfiedRangeSize = size;
    }

    /** The object size for a 416 answer, or -1. */
    long unsatisfiedRangeSize() {
        return unsatisfiedRangeSize;
    }
}
