package io.tarn.gateway.rest;

import io.tarn.api.TarnException;
import io.tarn.api.VersionControl;
import io.tarn.gateway.HttpExchange;
import io.tarn.gateway.access.AccessDeniedException;
import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.UserDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version-control REST API under {@code /api/v1}, with lakeFS's paths, parameters, JSON bodies,
 * statuses and error bodies ({@code {"message": "..."}}), so that the lakeFS SDKs work against Tarn
 * unchanged. Requests are authenticated with HTTP basic credentials: an access key id and its secret,
 * the same keys that sign S3 requests. Tarn's own OpenAPI document of what is implemented is at
 * {@code /api/v1/openapi.json}.
 *
 * <p>Other requests go to the next handler (the S3 gateway), and so do requests under
 * {@code /api/v1} that carry an S3 signature, so that a repository named {@code api} stays reachable
 * over S3. Operations block on their request thread; object bodies stream both ways. Thread-safe.
 */
public final class RestApi extends Handler.Wrapper {
    /** Where the API lives. */
    public static final String PREFIX = "/api/v1";
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    private final UserDirectory users;
    private final Routes routes;

    /** @param users the users, keys and permissions that authenticate and authorize requests */
    public RestApi(VersionControl engine, UserDirectory users, ServerDescription server, Handler next) {
        super(next);
        Objects.requireNonNull(engine, "engine");
        this.users = Objects.requireNonNull(users, "users");
        this.routes = routes(engine, users, server);
    }

    static Routes routes(VersionControl engine, UserDirectory users, ServerDescription server) {
        Routes routes = new Routes();
        new AuthOperations(users).register(routes);
        new ServerOperations(server).register(routes);
        new RepositoryOperations(engine).register(routes);
        new BranchOperations(engine).register(routes);
        new CommitOperations(engine).register(routes);
        new RefOperations(engine).register(routes);
        new TagOperations(engine).register(routes);
        new ObjectReads(engine).register(routes);
        new ObjectWrites(engine).register(routes);
        new ImportOperations(engine).register(routes);
        return routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String rawPath = request.getHttpURI().getPath();
        if (rawPath == null || !(rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/")) || signedForS3(request)) {
            return super.handle(request, response, callback);
        }
        ApiCall call = null;
        try {
            List<String> segments = new ArrayList<>();
            for (String s : Routes.split(rawPath.substring(PREFIX.length()))) {
                segments.add(decodeSegment(s));
            }
            Routes.Match match = routes.match(request.getMethod(), segments);
            if (match instanceof Routes.Match.WrongMethod wrong) {
                response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", wrong.allowed()));
                throw new ApiError(405, request.getMethod() + " is not allowed on " + rawPath + "; allowed: " + String.join(", ", wrong.allowed()));
            }
            if (!(match instanceof Routes.Match.Found found)) {
                throw ApiError.notFound("path not found: " + rawPath);
            }
            AccessKey key = found.route().authenticated() ? authenticate(request) : null;
            if (key != null) {
                RouteAccess.check(found.route(), found.parameters(), key.owner());
            }
            call = new ApiCall(request, response, callback, found.parameters(), query(request), key);
            found.route().operation().handle(call);
        } catch (ApiError e) {
            replyError(request, response, callback, call, e);
        } catch (TarnException e) {
            replyError(request, response, callback, call, ApiError.from(e));
        } catch (AccessDeniedException e) {
            replyError(request, response, callback, call, ApiError.forbidden(e));
        } catch (IOException e) {
            // A malformed or broken request body, or a connection that failed while the answer streamed.
            LOG.debug("Request {} {} failed reading or writing its body: {}", request.getMethod(), rawPath, e.toString());
            ApiError cause = ApiError.causeOf(e);
            replyError(request, response, callback, call, cause != null ? cause : ApiError.badRequest("Cannot read the request body: " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Request {} {} failed", request.getMethod(), rawPath, e);
            replyError(request, response, callback, call, new ApiError(500, "Tarn failed to answer: " + e));
        }
        return true;
    }

    /** An S3 request (SigV4 or SigV2, header or presigned query) for a bucket named {@code api}. */
    private static boolean signedForS3(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null && (authorization.startsWith("AWS4-") || authorization.startsWith("AWS "))) {
            return true;
        }
        String query = request.getHttpURI().getQuery();
        return query != null && (query.contains("X-Amz-Signature=") || query.contains("AWSAccessKeyId="));
    }

    /** The access key of the request's basic credentials. @throws ApiError 401 without valid ones */
    private AccessKey authenticate(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthenticated();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthenticated();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw unauthenticated();
        }
        String id = decoded.substring(0, colon);
        byte[] secret = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        Optional<AccessKey> key = users.find(id);
        if (key.isEmpty() || !MessageDigest.isEqual(secret, key.get().secretAccessKey().getBytes(StandardCharsets.UTF_8))) {
            throw unauthenticated();
        }
        return key.get();
    }

    private static ApiError unauthenticated() {
        return new ApiError(401, "error authenticating request");
    }

    /** Query parameters, decoded; a repeated name keeps every value (lakeFS's list parameters). */
    private static Fields query(Request request) {
        try {
            return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw ApiError.badRequest("Invalid query string '" + request.getHttpURI().getQuery() + "': " + e.getMessage());
        }
    }

    /** A path segment with its {@code %XX} escapes decoded ({@code +} stays a plus). */
    private static String decodeSegment(String raw) {
        try {
            return URIUtil.decodePath(raw);
        } catch (RuntimeException e) {
            throw ApiError.badRequest("Invalid URI encoding in '" + raw + "': " + e.getMessage());
        }
    }

    private static void replyError(Request request, Response response, Callback callback, ApiCall call, ApiError error) {
        if (call != null && call.replied()) {
            LOG.warn("Request {} {} failed after its answer began: {}", request.getMethod(), request.getHttpURI().getPath(), error.getMessage());
            call.failAfterReply(error);
            return;
        }
        String allow = response.getHeaders().get(HttpHeader.ALLOW);
        response.getHeaders().clear();
        if (allow != null) {
            response.getHeaders().put(HttpHeader.ALLOW, allow);
        }
        if (error.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"tarn\"");
        }
        if (error.status() == 416 && call != null && call.unsatisfiedRangeSize() >= 0) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + call.unsatisfiedRangeSize());
        }
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(error.body());
        } catch (IOException e) {
            body = "{\"message\":\"Tarn failed to encode an error\"}".getBytes(StandardCharsets.UTF_8);
        }
        HttpExchange.sendDocument(request, response, callback, error.status(), "application/json", body);
    }
}
