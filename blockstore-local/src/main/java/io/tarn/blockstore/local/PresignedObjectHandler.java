package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ByteRange;
import io.tarn.blockstore.spi.InvalidRangeException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Answers requests made with presigned URLs: a GET streams the object (or one byte range of it), a
 * PUT streams the request body into the store through its ordinary {@link BlockStore#put}, so the
 * write is as atomic, durable and confined to the root as any other. Neither holds an object in
 * memory.
 *
 * <p>Statuses: 403 with the reason when the URL does not allow the request (expired, signature
 * mismatch, method not allowed for this URL), 404 for a missing object or a path that is no object
 * URL, 416 for a range past the end, 400 for a key the store refuses, 500 for a failure of the store,
 * whose cause is logged rather than shown to a client that holds no credentials.
 *
 * <p>Thread-safe: each exchange runs on its own executor thread.
 */
final class PresignedObjectHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(PresignedObjectHandler.class.getName());
    private final BlockStore store;
    private final PresignedUrls urls;

    PresignedObjectHandler(BlockStore store, PresignedUrls urls) {
        this.store = store;
        this.urls = urls;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = PresignedUrls.keyOf(exchange.getRequestURI());
            if (key == null) {
                text(exchange, 404, "Not found: presigned object URLs have the form " + PresignedUrls.OBJECTS + "<key>?" + PresignedUrls.METHOD + "=…");
                return;
            }
            PresignedUrls.Verdict verdict = urls.check(exchange.getRequestMethod(), key, exchange.getRequestURI().getRawQuery());
            if (verdict != PresignedUrls.Verdict.VALID) {
                text(exchange, 403, "Access denied: " + verdict.reason());
                return;
            }
            serve(exchange, key);
        }
    }

    private void serve(HttpExchange exchange, String key) throws IOException {
        try {
            // The signature was made for a key of a real location, so this one is valid too.
            Location location = new Location(LocalBlockStore.SCHEME, "", key);
            if ("GET".equals(exchange.getRequestMethod())) {
                get(exchange, location);
            } else {
                put(exchange, location);
            }
        } catch (ObjectNotFoundException e) {
            fail(exchange, 404, "No such object");
        } catch (InvalidRangeException e) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + e.objectSize());
            fail(exchange, 416, "Range not satisfiable: " + e.range() + " of an object of " + e.objectSize() + " bytes");
        } catch (IllegalArgumentException e) {
            fail(exchange, 400, e.getMessage());
        } catch (BlockStoreException e) {
            // The message can name files below the root: it is for the operator, not the client.
            LOG.log(System.Logger.Level.WARNING, "Cannot serve a presigned " + exchange.getRequestMethod() + " of a local object: " + e.getMessage());
            fail(exchange, 500, "Cannot " + ("GET".equals(exchange.getRequestMethod()) ? "read" : "write") + " the object: internal error");
        }
    }

    private void get(HttpExchange exchange, Location location) throws IOException {
        ObjectStat stat = store.stat(location);
        ByteRange range = singleRange(exchange.getRequestHeaders().getFirst("Range"));
        exchange.getResponseHeaders().set("ETag", '"' + stat.etag() + '"');
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (range == null) {
            send(exchange, 200, store.get(location), stat.size());
            return;
        }
        ByteRange.Span span = range.resolve(stat.size());
        exchange.getResponseHeaders().set("Content-Range", "bytes " + span.offset() + "-" + span.lastByte() + "/" + stat.size());
        send(exchange, 206, store.get(location, range), span.length());
    }

    /** Sends exactly {@code length} bytes: an object replaced since its stat cannot overrun the announced length. */
    private static void send(HttpExchange exchange, int status, InputStream object, long length) throws IOException {
        try (InputStream in = new RangeInputStream(object, length)) {
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private void put(HttpExchange exchange, Location location) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean chunked = exchange.getRequestHeaders().containsKey("Transfer-Encoding");
        long length = declared == null || chunked ? -1 : Long.parseLong(declared.trim());
        ObjectStat stat;
        try (InputStream body = exchange.getRequestBody()) {
            stat = store.put(location, body, length, PutOptions.DEFAULT);
        }
        exchange.getResponseHeaders().set("ETag", '"' + stat.etag() + '"');
        exchange.sendResponseHeaders(200, -1);
    }

    /**
     * The one range of a {@code Range: bytes=…} header, or {@code null} for the whole object: when
     * there is no header, or one HTTP lets a server ignore (several ranges, another unit, a malformed value).
     */
    static ByteRange singleRange(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=") || value.indexOf(',') >= 0) {
            return null;
        }
        String spec = value.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || !spec.matches("[0-9]*-[0-9]*")) {
            return null;
        }
        String first = spec.substring(0, dash);
        String last = spec.substring(dash + 1);
        try {
            if (first.isEmpty()) {
                return last.isEmpty() ? null : ByteRange.suffix(Long.parseLong(last));
            }
            return last.isEmpty() ? ByteRange.from(Long.parseLong(first)) : ByteRange.closed(Long.parseLong(first), Long.parseLong(last));
        } catch (IllegalArgumentException outOfRangeOrBackwards) {
            return null;
        }
    }

    /** An error answer, unless the response has begun: then all that can be done is to cut it short. */
    private static void fail(HttpExchange exchange, int status, String message) throws IOException {
        if (exchange.getResponseCode() == -1) {
            text(exchange, status, message);
        }
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1); // a HEAD response has no body to say why
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
