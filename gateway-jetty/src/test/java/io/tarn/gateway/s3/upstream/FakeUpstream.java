package io.tarn.gateway.s3.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on the loopback address that stands in for an upstream S3: it records each request
 * (raw path and query, headers, and the body as far as it arrived) and answers with a set reply.
 */
final class FakeUpstream implements AutoCloseable {
    /** A request as the upstream received it. {@code complete} says whether the whole body came. */
    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
            boolean complete) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new ArrayBlockingQueue<>(16);
    private volatile int status = 200;
    private volatile Map<String, String> replyHeaders = Map.of();
    private volatile byte[] replyBody = new byte[0];

    FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void reply(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.replyHeaders = headers;
        this.replyBody = body;
    }

    /** The next request received, waiting for it a few seconds. */
    Received next() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("The upstream received no request");
        }
        return next;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete = true;
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(body);
        } catch (IOException e) {
            complete = false;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && body.size() < Long.parseLong(length)) {
            complete = false;
        }
        URI uri = exchange.getRequestURI();
        received.add(new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                headers, body.toByteArray(), complete));
        if (!complete) {
            exchange.close();
            return;
        }
        replyHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean empty = replyBody.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, empty ? -1 : replyBody.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!empty) {
                out.write(replyBody);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
