package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The local store's presigned URLs: how one is written for a key, a method and an expiry, and how a
 * request made with one is checked.
 *
 * <p><b>Form.</b> {@code <base>/objects/<key>?X-Tarn-Method=GET|PUT&X-Tarn-Expires=<epoch seconds>&X-Tarn-Signature=<hex>}.
 * Each {@code /}-separated segment of the key is escaped as {@link KeyCodec#encode} escapes a file
 * name, so no segment is {@code .} or {@code ..} for a client or proxy to fold away. The key sits
 * below {@code /objects/} rather than at the root because a key may start with {@code /}, and a
 * request path starting with {@code //} reads as a host name to an HTTP server.
 *
 * <p><b>Signature.</b> HMAC-SHA256 with the configured secret over a version tag, the method, the
 * expiry and the key, one per line, the key last (it may itself hold line breaks). The key is what
 * names an object in the local store, whichever location spelling it came from, so a URL opens
 * exactly one object, with one method, until one instant. The path is decoded before it is
 * checked: other spellings of the same key are the same object, and any other key fails.
 *
 * <p>Stateless apart from its settings, and thread-safe.
 */
final class PresignedUrls {
    static final String MAC_ALGORITHM = "HmacSHA256";
    static final String OBJECTS = "/objects/";
    static final String METHOD = "X-Tarn-Method";
    static final String EXPIRES = "X-Tarn-Expires";
    static final String SIGNATURE = "X-Tarn-Signature";
    /** As long as S3 and GCS allow. */
    static final Duration MAX_EXPIRY = Duration.ofDays(7);
    private static final String VERSION = "tarn-local-presign-v1";
    private final URI base;
    private final SecretKey secret;
    private final Clock clock;

    /** What a request's URL allows; each refusal is a 403 saying which. */
    enum Verdict {
        VALID("valid"),
        INCOMPLETE("the URL lacks " + METHOD + ", " + EXPIRES + " or " + SIGNATURE + ", or has one twice"),
        SIGNATURE_MISMATCH("signature mismatch"),
        EXPIRED("expired"),
        METHOD_NOT_ALLOWED("method not allowed for this URL");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** Short words for the response body. */
        String reason() {
            return reason;
        }
    }

    /** @param base where the endpoint is reached, without a trailing {@code /} */
    PresignedUrls(URI base, SecretKey secret, Clock clock) {
        this.base = Objects.requireNonNull(base, "base");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A URL allowing {@code method} on the object {@code key} for {@code expiry} from now (rounded up
     * to a whole second).
     *
     * @throws IllegalArgumentException naming the expiry when it is not positive or longer than 7 days,
     *     or naming the key when it has no UTF-8 form
     */
    URI sign(String method, String key, Duration expiry) {
        Objects.requireNonNull(expiry, "expiry");
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("Invalid expiry " + expiry + ": a presigned URL lasts more than 0 seconds and at most 7 days (PT168H)");
        }
        Instant until = clock.instant().plus(expiry);
        String expires = Long.toString(until.getEpochSecond() + (until.getNano() > 0 ? 1 : 0));
        String signature = HexFormat.of().formatHex(mac(method, expires, key));
        return URI.create(base + OBJECTS + path(key) + "?" + METHOD + "=" + method + "&" + EXPIRES + "=" + expires + "&" + SIGNATURE + "=" + signature);
    }

    /**
     * Whether a request with {@code requestMethod} for {@code key} may go ahead on the strength of its
     * query: the signature first (compared in constant time), then the expiry, then the method.
     */
    Verdict check(String requestMethod, String key, String rawQuery) {
        Map<String, String> parameters = parameters(rawQuery);
        String method = parameters.get(METHOD);
        String expires = parameters.get(EXPIRES);
        String signature = parameters.get(SIGNATURE);
        if (method == null || expires == null || signature == null) {
            return Verdict.INCOMPLETE;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException notHex) {
            return Verdict.SIGNATURE_MISMATCH;
        }
        if (!MessageDigest.isEqual(mac(method, expires, key), given)) {
            return Verdict.SIGNATURE_MISMATCH;
        }
        // Signed, so the number is one sign() wrote.
        if (clock.instant().getEpochSecond() > Long.parseLong(expires)) {
            return Verdict.EXPIRED;
        }
        return method.equals(requestMethod) ? Verdict.VALID : Verdict.METHOD_NOT_ALLOWED;
    }

    /** The key a request path names, decoded, or {@code null} when the path is not below {@code /objects/}. */
    static String keyOf(URI request) {
        String raw = request.getRawPath();
        if (raw == null || !raw.startsWith(OBJECTS) || raw.length() == OBJECTS.length()) {
            return null;
        }
        // The prefix holds no escapes, so it is as long decoded as raw.
        return request.getPath().substring(OBJECTS.length());
    }

    private static String path(String key) {
        byte[] bytes = KeyCodec.keyBytes(key);
        StringBuilder path = new StringBuilder(bytes.length * 3);
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '/') {
                path.append(KeyCodec.encode(bytes, start, i));
                if (i < bytes.length) {
                    path.append('/');
                }
                start = i + 1;
            }
        }
        return path.toString();
    }

    /** Our parameters by name; one given twice counts as missing, so that no reader can pick the other. */
    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (seen.merge(name, 1, Integer::sum) > 1) {
                parameters.remove(name);
            } else if (eq >= 0) {
                parameters.put(name, pair.substring(eq + 1));
            }
        }
        return parameters;
    }

    private byte[] mac(String method, String expires, String key) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(secret);
            return mac.doFinal((VERSION + "\n" + method + "\n" + expires + "\n" + key).getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute " + MAC_ALGORITHM + ", which every JDK has: " + e, e);
        }
    }
}
