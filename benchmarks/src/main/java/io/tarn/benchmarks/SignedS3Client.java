package io.tarn.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's S3 client: PUT and GET with a SigV4 header signature over
 * {@code UNSIGNED-PAYLOAD}, on keep-alive {@link HttpConnection}s, bodies generated on the fly and
 * answers counted, never kept. The baseline server gets exactly the same requests, signature
 * included, so both sides of a comparison cost the client the same. Thread-safe: threads share a
 * pool of connections, one per request in flight.
 */
final class SignedS3Client implements AutoCloseable {
    /** Jetty closes connections idle for 30 s; do not offer it one that old. */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final GeneratedBody NO_BODY = new GeneratedBody(0);

    private final InetSocketAddress address;
    private final String host;
    private final SigV4Signer signer;
    private final Deque<HttpConnection> idle = new ConcurrentLinkedDeque<>();

    /** The server answered with an unexpected status: the benchmark's figures would be wrong. */
    static final class UnexpectedAnswerException extends IOException {
        private static final long serialVersionUID = 1L;

        UnexpectedAnswerException(String message) {
            super(message);
        }
    }

    SignedS3Client(URI endpoint, SigV4Signer signer) {
        this.address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
        this.host = endpoint.getRawAuthority();
        this.signer = signer;
    }

    void createBucket(String bucket) throws IOException {
        expect200("PUT", "/" + bucket, NO_BODY);
    }

    /** Uploads {@code body} to {@code bucket/key} and fails unless the answer is 200. */
    void put(String bucket, String key, GeneratedBody body) throws IOException {
        expect200("PUT", path(bucket, key), body);
    }

    /** Downloads {@code bucket/key}, counting its bytes, and fails unless the answer is 200. */
    long get(String bucket, String key) throws IOException {
        return expect200("GET", path(bucket, key), NO_BODY).bodyBytes();
    }

    private HttpConnection.Answer expect200(String method, String path, GeneratedBody body) throws IOException {
        HttpConnection.Answer answer = exchange(method, path, body);
        if (answer.status() != 200) {
            String text = answer.errorBody().strip();
            throw new UnexpectedAnswerException("Cannot " + method + " " + path + ": HTTP " + answer.status() + " "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
        }
        return answer;
    }

    /** Sends on an idle connection, or a new one; a reused connection that gives no answer was closed by the server, so try once more on a new one. */
    private HttpConnection.Answer exchange(String method, String path, GeneratedBody body) throws IOException {
        while (true) {
            HttpConnection connection = idle.pollFirst();
            boolean reused = connection != null && connection.idleNanos() < MAX_IDLE_NANOS;
            if (connection != null && !reused) {
                connection.close();
            }
            if (!reused) {
                connection = HttpConnection.open(address);
            }
            try {
                HttpConnection.Answer answer = connection.exchange(head(method, path, body), body);
                if (answer.keepAlive()) {
                    idle.offerFirst(connection);
                } else {
                    connection.close();
                }
                return answer;
            } catch (HttpConnection.NoAnswerException e) {
                connection.close();
                if (!reused) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
    }

    private String head(String method, String path, GeneratedBody body) {
        StringBuilder head = new StringBuilder(512).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\n");
        if (body.length() > 0 || method.equals("PUT")) {
            head.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        for (Map.Entry<String, String> h : signer.sign(method, host, path, Instant.now()).entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** Keys here are made of URI-safe characters only; anything else would need percent-encoding, and signing as encoded. */
    private static String path(String bucket, String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c < 128 && Character.isLetterOrDigit(c)) && "-._~/".indexOf(c) < 0) {
                throw new IllegalArgumentException("Invalid benchmark key '" + key + "': use letters, digits and -._~/ only");
            }
        }
        return "/" + bucket + "/" + key;
    }

    @Override
    public void close() {
        HttpConnection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }
}
