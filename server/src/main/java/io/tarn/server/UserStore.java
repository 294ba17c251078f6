package io.tarn.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.AlreadyExistsException;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.NotFoundException;
import io.tarn.api.RepositoryName;
import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.Permission;
import io.tarn.gateway.access.Principal;
import io.tarn.gateway.access.UserDirectory;
import io.tarn.graveler.meta.KeyValue;
import io.tarn.graveler.meta.MetadataStore;
import io.tarn.graveler.meta.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Users, access keys and grants in the metadata store.
 *
 * <ul>
 *   <li>{@code auth/users/<user id>}: the user's creation time, superuser flag and grants (JSON);
 *   <li>{@code auth/keys/<access key id>}: the owning user, the secret and the creation time;
 *   <li>{@code auth/user-keys/<user id>/<access key id>}: an index of each user's keys.
 * </ul>
 *
 * <p>Every change is one atomic batch. Keys are looked up on every request, so found keys are
 * cached in memory and the cache is dropped on every change this store makes; that is exact while
 * one server process owns the metadata store, as LMDB requires. Secrets are kept as is because S3
 * signatures (HMAC) need them, and are never logged.
 */
final class UserStore implements UserDirectory {
    static final String USERS = "auth/users/";
    static final String KEYS = "auth/keys/";
    static final String USER_KEYS = "auth/user-keys/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final int MAX_USER_ID = 64;

    private final MetadataStore store;
    private final Map<String, AccessKey> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    UserStore(MetadataStore store) {
        this.store = store;
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.isEmpty() || accessKeyId.length() > 128) {
            return Optional.empty();
        }
        AccessKey cached = cache.get(accessKeyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        long seen = generation.get();
        Optional<AccessKey> loaded = load(accessKeyId);
        loaded.ifPresent(key -> {
            cache.put(accessKeyId, key);
            if (generation.get() != seen) {
                // A change landed while we read: what we cached may predate it.
                cache.remove(accessKeyId);
            }
        });
        return loaded;
    }

    private Optional<AccessKey> load(String accessKeyId) {
        return store.get(bytes(KEYS + accessKeyId)).flatMap(raw -> {
            String userId = parse(raw).path("user").asText(null);
            return userId == null ? Optional.empty() : user(userId).flatMap(owner -> key(accessKeyId, raw, owner));
        });
    }

    /** The key record {@code raw} of {@code owner}, or empty when it is damaged. */
    private static Optional<AccessKey> key(String accessKeyId, byte[] raw, Principal owner) {
        JsonNode key = parse(raw);
        String secret = key.path("secret").asText(null);
        return secret == null ? Optional.empty() : Optional.of(new AccessKey(accessKeyId, secret, instant(key.path("created")), owner));
    }

    /**
     * A key stored before users existed (only the admin's): its owner gets a superuser record and
     * the key its index entry, then it is found as usual.
     */
    Optional<AccessKey> adoptLegacyAdminKey(String accessKeyId) {
        Optional<byte[]> raw = store.get(bytes(KEYS + accessKeyId));
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String userId = parse(raw.get()).path("user").asText(AdminCredentials.ADMIN_USER);
        Principal admin = new Principal(userId, Instant.now(), true, Map.of());
        apply(new WriteBatch()
                .put(bytes(USERS + userId), encode(admin))
                .put(bytes(USER_KEYS + userId + "/" + accessKeyId), new byte[0]));
        return find(accessKeyId);
    }

    @Override
    public Principal createUser(String userId, boolean superuser) {
        checkUserId(userId);
        Principal user = new Principal(userId, Instant.now(), superuser, Map.of());
        WriteBatch batch = new WriteBatch().expect(bytes(USERS + userId), null).put(bytes(USERS + userId), encode(user));
        if (apply(batch) != WriteBatch.Outcome.APPLIED) {
            throw new AlreadyExistsException("user", userId);
        }
        return user;
    }

    @Override
    public Optional<Principal> user(String userId) {
        if (userId == null || userId.isEmpty() || userId.length() > MAX_USER_ID) {
            return Optional.empty();
        }
        return store.get(bytes(USERS + userId)).map(raw -> decode(userId, raw));
    }

    @Override
    public List<Principal> users(String after, int amount) {
        List<Principal> out = new ArrayList<>();
        byte[] start = after == null || after.isEmpty() ? null : bytes(USERS + after);
        try (Stream<KeyValue> scan = store.scan(bytes(USERS), start)) {
            Iterator<KeyValue> it = scan.iterator();
            while (it.hasNext() && out.size() < amount) {
                KeyValue kv = it.next();
                out.add(decode(string(kv.key()).substring(USERS.length()), kv.value()));
            }
        }
        return out;
    }

    @Override
    public void deleteUser(String userId) {
        Principal user = requireUser(userId);
        WriteBatch batch = new WriteBatch().expect(bytes(USERS + userId), encode(user)).delete(bytes(USERS + userId));
        for (String keyId : keyIds(userId)) {
            batch.delete(bytes(KEYS + keyId)).delete(bytes(USER_KEYS + userId + "/" + keyId));
        }
        if (apply(batch) != WriteBatch.Outcome.APPLIED) {
            deleteUser(userId); // changed meanwhile (a key was added): look again
        }
    }

    @Override
    public AccessKey createAccessKey(String userId) {
        Principal owner = requireUser(userId);
        return addKey(owner, newKeyId(), newSecret(), new WriteBatch());
    }

    /** Adds a key to a user in one batch with {@code batch}'s own operations. */
    AccessKey addKey(Principal owner, String keyId, String secret, WriteBatch batch) {
        Instant now = Instant.now();
        ObjectNode record = JSON.createObjectNode().put("user", owner.userId()).put("secret", secret).put("created", now.toString());
        batch.expect(bytes(KEYS + keyId), null)
                .put(bytes(KEYS + keyId), bytes(record.toString()))
                .put(bytes(USER_KEYS + owner.userId() + "/" + keyId), new byte[0]);
        if (apply(batch) != WriteBatch.Outcome.APPLIED) {
            throw new AlreadyExistsException("access key", keyId);
        }
        return new AccessKey(keyId, secret, now, owner);
    }

    @Override
    public List<AccessKey> accessKeys(String userId) {
        Principal owner = requireUser(userId);
        List<AccessKey> out = new ArrayList<>();
        for (String keyId : keyIds(userId)) {
            store.get(bytes(KEYS + keyId)).flatMap(raw -> key(keyId, raw, owner)).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public void deleteAccessKey(String userId, String accessKeyId) {
        requireUser(userId);
        byte[] index = bytes(USER_KEYS + userId + "/" + accessKeyId);
        if (store.get(index).isEmpty()) {
            throw new NotFoundException(NotFoundException.Kind.ACCESS_KEY, accessKeyId, "user '" + userId + "' has no such key");
        }
        apply(new WriteBatch().delete(index).delete(bytes(KEYS + accessKeyId)));
    }

    @Override
    public Principal grant(String userId, String repository, Permission permission) {
        checkRepository(repository);
        return updateGrants(userId, grants -> grants.put(repository, permission));
    }

    @Override
    public Principal revoke(String userId, String repository) {
        checkRepository(repository);
        return updateGrants(userId, grants -> grants.remove(repository));
    }

    private Principal updateGrants(String userId, java.util.function.Consumer<Map<String, Permission>> change) {
        while (true) {
            Principal user = requireUser(userId);
            Map<String, Permission> grants = new LinkedHashMap<>(user.grants());
            change.accept(grants);
            Principal updated = new Principal(userId, user.created(), user.superuser(), grants);
            WriteBatch batch = new WriteBatch().expect(bytes(USERS + userId), encode(user)).put(bytes(USERS + userId), encode(updated));
            if (apply(batch) == WriteBatch.Outcome.APPLIED) {
                return updated;
            }
        }
    }

    private WriteBatch.Outcome apply(WriteBatch batch) {
        WriteBatch.Outcome outcome = store.write(batch);
        generation.incrementAndGet();
        cache.clear();
        return outcome;
    }

    private Principal requireUser(String userId) {
        return user(userId).orElseThrow(() -> new NotFoundException(NotFoundException.Kind.USER, userId));
    }

    private List<String> keyIds(String userId) {
        String prefix = USER_KEYS + userId + "/";
        List<String> out = new ArrayList<>();
        try (Stream<KeyValue> scan = store.scan(bytes(prefix), null)) {
            scan.forEach(kv -> out.add(string(kv.key()).substring(prefix.length())));
        }
        return out;
    }

    /** User ids are path segments and committer names: letters, digits and {@code . _ - @ +}. */
    static void checkUserId(String userId) {
        if (userId == null || userId.isEmpty() || userId.length() > MAX_USER_ID) {
            throw new InvalidArgumentException("user id", String.valueOf(userId), "it must be 1 to " + MAX_USER_ID + " characters");
        }
        for (int i = 0; i < userId.length(); i++) {
            char c = userId.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ".-_@+".indexOf(c) >= 0;
            if (!allowed) {
                throw new InvalidArgumentException("user id", userId, "only letters, digits and . _ - @ + are allowed");
            }
        }
    }

    private static void checkRepository(String repository) {
        if (!Principal.ALL_REPOSITORIES.equals(repository)) {
            new RepositoryName(repository); // validates, naming the value
        }
    }

    static byte[] encode(Principal user) {
        ObjectNode node = JSON.createObjectNode().put("created", user.created().toString()).put("superuser", user.superuser());
        ObjectNode grants = node.putObject("grants");
        user.grants().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> grants.put(e.getKey(), e.getValue().wireName()));
        return bytes(node.toString());
    }

    private static Principal decode(String userId, byte[] raw) {
        JsonNode node = parse(raw);
        Map<String, Permission> grants = new LinkedHashMap<>();
        node.path("grants").fields().forEachRemaining(e -> grants.put(e.getKey(), Permission.parse(e.getValue().asText())));
        return new Principal(userId, instant(node.path("created")), node.path("superuser").asBoolean(false), grants);
    }

    private static JsonNode parse(byte[] raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a user record from the metadata store: it is damaged", e);
        }
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : Instant.EPOCH;
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    static String newSecret() {
        return random(SECRET_ALPHABET, 40);
    }

    static String newKeyId() {
        return "AKTARN" + random(ID_ALPHABET, 14);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
