package io.tarn.blockstore.gcs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP front for fake-gcs-server that honours {@code X-HTTP-Method-Override}, as GCS
 * does and the emulator does not on object routes: google-api-client sends every GET whose URL is
 * longer than 2,048 characters (any request about a 1,024-byte key of 2-byte characters) as a POST
 * carrying that header. Everything else passes through unchanged, bodies streamed both ways; the
 * emulator still does all the storage work.
 */
final class MethodOverrideProxy implements AutoCloseable {
    private static final String OVERRIDE = "X-HTTP-Method-Override";
    /** Headers the JDK client sets itself, or refuses to be given. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade", "date", "via",
            "transfer-encoding", "keep-alive", "x-http-method-override");
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-gcs-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI upstream;

    MethodOverrideProxy(int port, URI upstream) throws IOException {
        // Without TCP_NODELAY every small response waits out the client's delayed ACK (~40 ms). Read
        // once, when the JDK's server classes first load; the module's surefire argLine sets it too.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", exchange -> {
            try {
                forward(exchange);
            } catch (IOException | RuntimeException e) {
                // The client's error then says what went wrong here, not just "500".
                byte[] message = ("Cannot forward to fake-gcs-server: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(502, message.length);
                exchange.getResponseBody().write(message);
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    private void forward(HttpExchange exchange) throws IOException {
        {
            String method = exchange.getRequestMethod();
            String override = exchange.getRequestHeaders().getFirst(OVERRIDE);
            boolean overridden = "POST".equals(method) && override != null && !override.isBlank();
            if (overridden) {
                method = override.trim().toUpperCase(Locale.ROOT);
            }
            URI target = URI.create(upstream + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            boolean bodyless = overridden && ("GET".equals(method) || "HEAD".equals(method) || "DELETE".equals(method));
            HttpRequest.Builder request = HttpRequest.newBuilder(target);
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                // The dropped body's encoding must go too: the emulator would try to gunzip nothing.
                if (!NOT_FORWARDED.contains(name) && !(bodyless && name.startsWith("content-"))) {
                    header.getValue().forEach(value -> request.header(header.getKey(), value));
                }
            }
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            InputStream body = exchange.getRequestBody();
            HttpRequest.BodyPublisher publisher;
            if (bodyless) {
                body.readAllBytes();
                publisher = HttpRequest.BodyPublishers.noBody();
            } else if (length != null) {
                long n = Long.parseLong(length.trim());
                publisher = n == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), n);
            } else {
                publisher = HttpRequest.BodyPublishers.ofInputStream(() -> body);
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Cannot forward to fake-gcs-server: interrupted", e);
            }
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.equals("connection") && !lower.equals("date")
                        && !lower.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            long responseLength = response.headers().firstValueAsLong("Content-Length").orElse(0);
            boolean noBody = "HEAD".equals(method) || response.statusCode() == 204 || response.statusCode() == 304
                    || (responseLength == 0 && response.headers().firstValue("Content-Length").isPresent());
            try (InputStream in = response.body()) {
                exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : responseLength);
                if (!noBody) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        in.transferTo(out);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
