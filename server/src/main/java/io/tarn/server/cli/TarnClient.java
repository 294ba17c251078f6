package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server's REST API under {@code /api/v1}, over {@link HttpClient} with HTTP basic credentials.
 * Object bodies stream both ways. Every failure becomes a {@link CliException} with the exit code it
 * deserves: the HTTP status's, or {@link ExitCode#UNREACHABLE} when no connection could be made.
 */
final class TarnClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String API = "/api/v1";

    private final ClientConfig config;
    private final HttpClient http;
    private final String authorization;

    TarnClient(ClientConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (config.caFile() != null) {
            builder.sslContext(trusting(config.caFile()));
        }
        this.http = builder.build();
        String pair = config.accessKeyId() + ":" + config.secretAccessKey();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** TLS that trusts the certificates of a PEM file (the server's self-signed {@code ca.pem}) and no others. */
    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw CliException.usage("Invalid " + ClientConfig.CA_FILE_KEY + " '" + pem + "': it holds no PEM certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw CliException.usage("Invalid " + ClientConfig.CA_FILE_KEY + " '" + pem + "': " + e.getMessage());
        }
    }

    /** {@code /segment/segment...}, each segment percent-encoded. */
    static String path(String... segments) {
        StringBuilder out = new StringBuilder();
        for (String s : segments) {
            out.append('/').append(encode(s));
        }
        return out.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query string built pair by pair; empty values are left out. */
    static final class Query {
        private final List<String> pairs = new ArrayList<>();

        Query add(String name, Object value) {
            if (value != null && !value.toString().isEmpty()) {
                pairs.add(encode(name) + "=" + encode(value.toString()));
            }
            return this;
        }

        @Override
        public String toString() {
            return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
        }
    }

    JsonNode get(String path, Query query) {
        return json(send(request(path, query).GET(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** Sends a JSON body (or none) and answers the JSON reply, or {@code null} for an empty one. */
    JsonNode send(String method, String path, Query query, JsonNode body) {
        BodyPublisher publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(bytes(body));
        HttpRequest.Builder builder = request(path, query).method(method, publisher);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return json(send(builder, HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** Sends a JSON body and answers the reply as text (lakeFS answers branch creation so). */
    String sendForText(String method, String path, JsonNode body) {
        HttpRequest.Builder builder = request(path, new Query()).method(method, BodyPublishers.ofByteArray(bytes(body)))
                .header("Content-Type", "application/json");
        return new String(send(builder, HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8).trim();
    }

    /**
     * Streams a local file to {@code path} on a branch; {@code onBytes} hears of every chunk read.
     *
     * @return the object's stats
     */
    JsonNode upload(String repository, String branch, String objectPath, Path file, String contentType, LongConsumer onBytes) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "Cannot read " + file + ": " + e.getMessage());
        }
        BodyPublisher publisher = size == 0 ? BodyPublishers.noBody() : BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
            try {
                return new Counting(Files.newInputStream(file), onBytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), size);
        HttpRequest.Builder builder = request(path("repositories", repository, "branches", branch, "objects"), new Query().add("path", objectPath))
                .header("Content-Type", contentType).POST(publisher);
        return json(send(builder, HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** An object's bytes at a ref, to be read and closed by the caller. */
    record Download(long length, InputStream body) {
    }

    Download download(String repository, String ref, String objectPath) {
        HttpRequest.Builder builder = request(path("repositories", repository, "refs", ref, "objects"), new Query().add("path", objectPath)).GET();
        HttpResponse<InputStream> response = send(builder, HttpResponse.BodyHandlers.ofInputStream());
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Download(length, response.body());
    }

    /**
     * Every item of a paged listing after {@code start} (may be null), page after page, up to
     * {@code limit} items (no limit when 0 or less). @return the items, and whether the server had
     * more past the limit
     */
    Listing list(String path, Query query, String start, int limit) {
        ArrayNode items = MAPPER.createArrayNode();
        String after = start == null ? "" : start;
        while (true) {
            int amount = limit <= 0 ? 1000 : Math.min(1000, limit - items.size());
            String pageQuery = query.toString() + (query.toString().isEmpty() ? "?" : "&") + "amount=" + amount
                    + (after.isEmpty() ? "" : "&after=" + encode(after));
            JsonNode page = json(send(request(path + pageQuery), HttpResponse.BodyHandlers.ofByteArray()));
            for (JsonNode item : page.path("results")) {
                items.add(item);
            }
            boolean hasMore = page.path("pagination").path("has_more").asBoolean(false);
            after = page.path("pagination").path("next_offset").asText("");
            if (!hasMore || after.isEmpty()) {
                return new Listing(items, false, "");
            }
            if (limit > 0 && items.size() >= limit) {
                return new Listing(items, true, after);
            }
        }
    }

    /** A listing's items; {@code nextOffset} is where to go on ({@code --after}) when {@code hasMore}. */
    record Listing(ArrayNode items, boolean hasMore, String nextOffset) {
    }

    private HttpRequest.Builder request(String path, Query query) {
        return request(path + query);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(config.endpoint() + API + pathAndQuery))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response;
        try {
            response = http.send(builder.build(), handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable(e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw unreachable(e);
            }
            if (e instanceof SSLException) {
                throw new CliException(ExitCode.ERROR, "Cannot talk to the Tarn server at " + config.endpoint() + " over TLS: " + describe(e)
                        + " (for a self-signed certificate, set " + ClientConfig.CA_FILE_KEY + " in " + config.source() + " or "
                        + ClientConfig.CA_FILE_ENV + " to its CA file)");
            }
            throw new CliException(ExitCode.ERROR, "Cannot talk to the Tarn server at " + config.endpoint() + ": " + describe(e));
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCode.ERROR, "Cannot read the file to upload: " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "Interrupted while waiting for the Tarn server at " + config.endpoint());
        }
        if (response.statusCode() >= 300) {
            throw failure(response);
        }
        return response;
    }

    private CliException unreachable(IOException e) {
        String why = e instanceof HttpConnectTimeoutException ? "no answer within the connect timeout"
                : e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : "connection refused";
        return new CliException(ExitCode.UNREACHABLE, "Cannot reach the Tarn server at " + config.endpoint() + ": " + why
                + " (is it running? the endpoint is " + ClientConfig.ENDPOINT_KEY + " in " + config.source() + " or " + ClientConfig.ENDPOINT_ENV + ")");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if ((message == null || message.isBlank()) && e.getCause() != null) {
            return describe(e.getCause());
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The server's error: its message, and for a conflicting merge one line per conflicting path. */
    private CliException failure(HttpResponse<?> response) {
        int status = response.statusCode();
        JsonNode body = errorBody(response);
        String message = body == null ? "" : body.path("message").asText("");
        if (status == 401) {
            return new CliException(ExitCode.AUTH, "Cannot sign in to the Tarn server at " + config.endpoint() + " with access key id '"
                    + config.accessKeyId() + "': " + (message.isEmpty() ? "refused" : message) + " (the keys are " + ClientConfig.ACCESS_KEY_ID_KEY
                    + " and " + ClientConfig.SECRET_KEY + " in " + config.source() + ", or " + ClientConfig.ACCESS_KEY_ID_ENV + " and "
                    + ClientConfig.SECRET_ENV + ")", List.of(), body);
        }
        if (message.isEmpty()) {
            message = "HTTP " + status + " from " + response.request().method() + " " + response.request().uri().getPath();
        }
        List<String> details = new ArrayList<>();
        for (JsonNode conflict : body == null ? MAPPER.createArrayNode() : body.path("conflicts")) {
            details.add("conflict: " + conflict.path("path").asText() + " (" + conflict.path("type").asText() + ")");
        }
        return new CliException(ExitCode.forStatus(status), message, details, body);
    }

    private static JsonNode errorBody(HttpResponse<?> response) {
        try {
            byte[] raw;
            if (response.body() instanceof byte[] b) {
                raw = b;
            } else if (response.body() instanceof InputStream in) {
                try (in) {
                    raw = in.readNBytes(1 << 20);
                }
            } else {
                return null;
            }
            JsonNode node = raw.length == 0 ? null : MAPPER.readTree(raw);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null; // not JSON: the status alone speaks
        }
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        byte[] raw = response.body();
        if (raw == null || raw.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(raw);
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "Invalid answer from the Tarn server (" + response.request().uri().getPath() + "): not JSON: "
                    + e.getMessage());
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode a request body", e);
        }
    }

    /** Reports every chunk read to a listener (a progress bar). */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer onBytes;

        Counting(InputStream in, LongConsumer onBytes) {
            super(in);
            this.onBytes = onBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                onBytes.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                onBytes.accept(n);
            }
            return n;
        }
    }
}
