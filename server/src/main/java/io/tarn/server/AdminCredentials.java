package io.tarn.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.gateway.rest.ApiUsers;
import io.tarn.graveler.meta.MetadataStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/**
 * The admin access key: created on first start, stored in the metadata store, and handed out in
 * full exactly once, so the secret can be printed for the user to copy.
 *
 * <p>Keys are {@code auth/keys/<access key id>} holding the user, the secret and the creation time,
 * and {@code auth/admin} naming the admin's key id. The secret is kept as is because S3 signatures
 * (HMAC) need it; it is never logged.
 */
record AdminCredentials(String accessKeyId, String secretAccessKey, boolean createdNow) {
    static final String ADMIN_KEY = "auth/admin";
    static final String KEYS_PREFIX = "auth/keys/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /**
     * The admin key, created if this is the first start. Concurrent first starts on one store agree
     * on a single admin key (compare-and-swap on {@code auth/admin}).
     */
    static AdminCredentials ensure(MetadataStore store) {
        Optional<byte[]> existing = store.get(bytes(ADMIN_KEY));
        if (existing.isPresent()) {
            return load(store, new String(existing.get(), StandardCharsets.UTF_8));
        }
        String id = "AKTARN" + random(ID_ALPHABET, 14);
        String secret = random(SECRET_ALPHABET, 40);
        ObjectNode record = JSON.createObjectNode()
                .put("user", "admin")
                .put("secret", secret)
                .put("created", Instant.now().toString());
        store.put(bytes(KEYS_PREFIX + id), record.toString().getBytes(StandardCharsets.UTF_8));
        if (!store.compareAndSwap(bytes(ADMIN_KEY), null, bytes(id))) {
            // Another process won the first start: drop our key and use theirs.
            store.delete(bytes(KEYS_PREFIX + id));
            return load(store, new String(store.get(bytes(ADMIN_KEY)).orElseThrow(), StandardCharsets.UTF_8));
        }
        return new AdminCredentials(id, secret, true);
    }

    /** The secret of any stored access key, for signature checks; empty for an unknown id. */
    static Optional<String> secretFor(MetadataStore store, String accessKeyId) {
        if (accessKeyId == null || accessKeyId.isEmpty() || accessKeyId.length() > 128) {
            return Optional.empty();
        }
        return store.get(bytes(KEYS_PREFIX + accessKeyId)).map(raw -> {
            try {
                return JSON.readTree(raw).path("secret").asText(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** The owner of any stored access key, for the REST API's basic authentication; empty for an unknown id. */
    static Optional<ApiUsers.ApiUser> apiUser(MetadataStore store, String accessKeyId) {
        if (accessKeyId == null || accessKeyId.isEmpty() || accessKeyId.length() > 128) {
            return Optional.empty();
        }
        return store.get(bytes(KEYS_PREFIX + accessKeyId)).flatMap(raw -> {
            try {
                JsonNode node = JSON.readTree(raw);
                String secret = node.path("secret").asText(null);
                if (secret == null) {
                    return Optional.empty();
                }
                Instant created = node.hasNonNull("created") ? Instant.parse(node.get("created").asText()) : Instant.EPOCH;
                return Optional.of(new ApiUsers.ApiUser(node.path("user").asText("admin"), secret, created));
            } catch (IOException | java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    private static AdminCredentials load(MetadataStore store, String id) {
        byte[] raw = store.get(bytes(KEYS_PREFIX + id))
                .orElseThrow(() -> new ConfigException("Cannot find the admin access key '" + id + "' in the metadata store: it is damaged"));
        try {
            JsonNode node = JSON.readTree(raw);
            return new AdminCredentials(id, node.path("secret").asText(), false);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the admin access key '" + id + "' from the metadata store: " + e.getMessage(), e);
        }
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "AdminCredentials[" + accessKeyId + ", secret ****]";
    }
}
