package io.tarn.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code GET /_health} (and {@code HEAD}) with the server's state as JSON:
 * {@code {"status":"ok","version":"…","checks":{"metadata":"ok"}}}, HTTP 200 when every check
 * passes, 503 otherwise. Needs no credentials, so load balancers and scripts can poll it. Other
 * requests pass to the next handler.
 *
 * <p>Checks run on every request and must be cheap; one that throws counts as failing.
 */
public final class HealthHandler extends Handler.Wrapper {
    /** The path answered. */
    public static final String PATH = "/_health";

    private final String version;
    private final Map<String, BooleanSupplier> checks;

    /**
     * @param checks named liveness checks, for example {@code "metadata"} reading the metadata store
     */
    public HealthHandler(String version, Map<String, BooleanSupplier> checks, Handler next) {
        super(next);
        this.version = Objects.requireNonNull(version, "version");
        this.checks = new LinkedHashMap<>(checks);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            callback.succeeded();
            return true;
        }
        boolean healthy = true;
        StringBuilder json = new StringBuilder("{\"checks\":{");
        String sep = "";
        for (Map.Entry<String, BooleanSupplier> check : checks.entrySet()) {
            boolean ok;
            try {
                ok = check.getValue().getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            healthy &= ok;
            json.append(sep).append('"').append(check.getKey()).append("\":\"").append(ok ? "ok" : "failing").append('"');
            sep = ",";
        }
        json.append("},\"status\":\"").append(healthy ? "ok" : "failing").append("\",\"version\":\"").append(version).append("\"}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(healthy ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (HttpMethod.HEAD.is(method)) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        return true;
    }
}
