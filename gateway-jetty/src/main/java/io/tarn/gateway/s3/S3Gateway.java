package io.tarn.gateway.s3;

import io.tarn.api.AlreadyExistsException;
import io.tarn.api.DirtyBranchException;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MergeConflictException;
import io.tarn.api.NotFoundException;
import io.tarn.api.PreconditionFailedException;
import io.tarn.api.ReadOnlyRefException;
import io.tarn.api.StorageFailureException;
import io.tarn.api.UnsupportedByStorageException;
import io.tarn.api.TarnException;
import io.tarn.api.VersionControl;
import io.tarn.gateway.HttpExchange;
import io.tarn.gateway.access.AccessDeniedException;
import io.tarn.gateway.access.AccessKeys;
import io.tarn.gateway.access.Permission;
import io.tarn.gateway.access.Principal;
import io.tarn.gateway.s3.auth.Authentication;
import io.tarn.gateway.s3.auth.S3AuthException;
import io.tarn.gateway.s3.auth.S3Authenticator;
import io.tarn.gateway.s3.auth.SignedRequest;
import io.tarn.gateway.s3.upstream.UpstreamS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 protocol as a Jetty 12 core handler (DESIGN §1 and §8): bucket = repository, key =
 * {@code <ref>/<path>}. It authenticates every request, dispatches on method and sub-resource
 * (never on method alone: an unknown sub-resource is 501 NotImplemented), translates to
 * {@link VersionControl} calls and answers in S3's XML. Buckets are addressed path-style, or
 * virtual-host style under the configured {@link VirtualHosts}. With an {@link UpstreamS3}, a
 * request for a bucket that is not a repository goes there instead of failing with NoSuchBucket,
 * and ListBuckets lists both. Operations block on their request thread; bodies stream both ways.
 * Thread-safe.
 */
public final class S3Gateway extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(S3Gateway.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Authenticator authenticator;
    private final BucketOperations buckets;
    private final ObjectOperations objects;
    private final ListOperations listings;
    private final VirtualHosts virtualHosts;
    private final UpstreamRoute upstream;

    /**
     * A gateway addressed path-style only, without an upstream.
     *
     * @param storageRoot where CreateBucket puts a new repository's storage namespace: the bucket
     *     name is appended (for example {@code local://} gives {@code local://my-bucket})
     */
    public S3Gateway(VersionControl engine, AccessKeys keys, String storageRoot) {
        this(engine, keys, storageRoot, VirtualHosts.NONE, null, Clock.systemUTC());
    }

    /**
     * @param keys the access keys that sign requests, with their users' permissions
     * @param storageRoot where CreateBucket puts a new repository's storage namespace: the bucket
     *     name is appended (for example {@code local://} gives {@code local://my-bucket})
     * @param virtualHosts the domains under which buckets are also addressed virtual-host style
     * @param upstream where requests for buckets that are not repositories go, or {@code null} to
     *     answer them NoSuchBucket
     */
    public S3Gateway(VersionControl engine, AccessKeys keys, String storageRoot, VirtualHosts virtualHosts,
            UpstreamS3 upstream, Clock clock) {
        this.authenticator = new S3Authenticator(Objects.requireNonNull(keys, "keys"), clock);
        this.buckets = new BucketOperations(engine, storageRoot);
        this.objects = new ObjectOperations(engine);
        this.listings = new ListOperations(engine);
        this.virtualHosts = Objects.requireNonNull(virtualHosts, "virtualHosts");
        this.upstream = upstream == null ? null : new UpstreamRoute(engine, upstream);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = HexFormat.of().formatHex(randomBytes()).toUpperCase();
        response.getHeaders().put("x-amz-request-id", requestId);
        response.getHeaders().put("Server", "Tarn");
        String rawPath = request.getHttpURI().getPath();
        String resource = rawPath == null ? "/" : rawPath;
        S3Call call = null;
        try {
            String rawQuery = request.getHttpURI().getQuery();
            String hostBucket = virtualHosts.bucket(request.getHeaders().get(HttpHeader.HOST)).orElse(null);
            Authentication auth = authenticator.authenticate(new SignedRequest(request.getMethod(), resource,
                    rawQuery == null ? "" : rawQuery, headers(request), hostBucket));
            String path = resource.startsWith("/") ? resource.substring(1) : resource;
            String bucket;
            String key;
            if (hostBucket != null) {
                bucket = hostBucket;
                key = S3Call.decode(path, false);
            } else {
                int slash = path.indexOf('/');
                bucket = S3Call.decode(slash < 0 ? path : path.substring(0, slash), false);
                key = slash < 0 ? "" : S3Call.decode(path.substring(slash + 1), false);
            }
            call = new S3Call(request, response, callback, auth, requestId, bucket, key, query(rawQuery));
            Principal user = auth.accessKey().owner();
            S3Access.check(call, user);
            if (call.bucket.isEmpty()) {
                dispatchService(call, user);
            } else if (upstream != null && upstream.claims(call)) {
                upstream.forward(call);
            } else {
                dispatch(call);
            }
        } catch (S3Error e) {
            replyError(request, response, callback, call, e.status(), e.code(), e.getMessage(), resource, requestId);
        } catch (AccessDeniedException e) {
            replyError(request, response, callback, call, 403, "AccessDenied", e.getMessage(), resource, requestId);
        } catch (S3AuthException e) {
            replyError(request, response, callback, call, e.status(), e.code(), e.getMessage(), resource, requestId);
        } catch (TarnException e) {
            S3Error mapped = map(e, call);
            replyError(request, response, callback, call, mapped.status(), mapped.code(), mapped.getMessage(), resource, requestId);
        } catch (Exception e) {
            LOG.error("Request {} {} failed (request id {})", request.getMethod(), resource, requestId, e);
            replyError(request, response, callback, call, 500, "InternalError", "Tarn failed to answer: " + e, resource, requestId);
        }
        return true;
    }

    private void dispatchService(S3Call call, Principal user) {
        if (call.method().equals("GET") && call.query.isEmpty()) {
            buckets.listBuckets(call, upstream == null ? Map.of() : upstream.buckets(), name -> user.may(Permission.READ, name));
            return;
        }
        throw S3Error.notImplemented(call.method() + " on the service with " + call.query.keySet());
    }

    private void dispatch(S3Call call) throws IOException {
        if (call.key.isEmpty()) {
            buckets.dispatch(call, listings, objects);
        } else {
            objects.dispatch(call);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The request's headers, names lower-case, values in arrival order. */
    static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> out = new HashMap<>();
        for (HttpField f : request.getHeaders()) {
            out.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
        }
        return out;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = S3Call.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : S3Call.decode(pair.substring(eq + 1), true);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /** The one place engine errors become S3 errors. */
    static S3Error map(TarnException e, S3Call call) {
        if (e instanceof NotFoundException nf) {
            return switch (nf.kind()) {
                case REPOSITORY -> S3Error.noSuchBucket(nf.value());
                case UPLOAD -> new S3Error("NoSuchUpload", 404, e.getMessage());
                default -> new S3Error("NoSuchKey", 404, e.getMessage());
            };
        }
        if (e instanceof ReadOnlyRefException) {
            return new S3Error("AccessDenied", 403, e.getMessage());
        }
        if (e instanceof AlreadyExistsException) {
            return new S3Error(call != null && call.key.isEmpty() ? "BucketAlreadyOwnedByYou" : "InvalidArgument", 409, e.getMessage());
        }
        if (e instanceof PreconditionFailedException) {
            return new S3Error("PreconditionFailed", 412, e.getMessage());
        }
        if (e instanceof InvalidArgumentException invalid) {
            if (invalid.argument().equals("part")) {
                return new S3Error("InvalidPart", 400, e.getMessage());
            }
            return new S3Error("InvalidArgument", 400, e.getMessage());
        }
        if (e instanceof DirtyBranchException || e instanceof MergeConflictException) {
            return new S3Error("OperationAborted", 409, e.getMessage());
        }
        if (e instanceof StorageFailureException) {
            return new S3Error("ServiceUnavailable", 503, e.getMessage());
        }
        if (e instanceof UnsupportedByStorageException) {
            return new S3Error("NotImplemented", 501, e.getMessage());
        }
        return new S3Error("InternalError", 500, e.getMessage());
    }

    /** A failure while reading the request body: a bad signature or hash inside it, or a broken connection. */
    static RuntimeException bodyFailure(IOException e) {
        RuntimeException cause = clientFault(e);
        return cause != null ? cause : new S3Error("IncompleteBody", 400, "Cannot read the request body: " + e.getMessage());
    }

    /** The S3 error a client caused, found in a failure's causes, or {@code null}. */
    private static RuntimeException clientFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof S3AuthException auth) {
                return auth;
            }
            if (t instanceof S3Error error) {
                return error;
            }
        }
        return null;
    }

    /**
     * The client's fault hidden inside an engine error about a failed write: a body that failed its
     * signature or hash check, or ended early. {@code null} when the failure was the storage's.
     */
    static RuntimeException bodyCause(TarnException e) {
        RuntimeException cause = clientFault(e);
        if (cause != null) {
            return cause;
        }
        if (e instanceof InvalidArgumentException invalid && invalid.argument().startsWith("content length")) {
            return new S3Error("IncompleteBody", 400, e.getMessage());
        }
        return null;
    }

    private static void replyError(Request request, Response response, Callback callback, S3Call call, int status, String code,
            String message, String resource, String requestId) {
        if (call != null && call.replied()) {
            LOG.warn("Request {} {} failed after its answer began: {} {}", request.getMethod(), resource, code, message);
            call.failAfterReply(new IOException(code + ": " + message));
            return;
        }
        // Drop what the operation had set for a success (checksums, content headers): clients
        // would apply them to the error document.
        response.getHeaders().clear();
        response.getHeaders().put("x-amz-request-id", requestId);
        response.getHeaders().put("Server", "Tarn");
        if (status == 416 && call != null && call.contentRange() != null) {
            response.getHeaders().put("Content-Range", call.contentRange());
        }
        S3Xml xml = new S3Xml().open("Error").element("Code", code).element("Message", message == null ? code : message)
                .element("Resource", resource).element("RequestId", requestId).close("Error");
        HttpExchange.sendDocument(request, response, callback, status, "application/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
    }
}
