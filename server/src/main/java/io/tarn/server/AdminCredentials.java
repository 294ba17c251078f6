package io.tarn.server;

import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.Principal;
import io.tarn.graveler.meta.MetadataStore;
import io.tarn.graveler.meta.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The admin: a superuser named {@code admin} and its first access key, created on first start and
 * handed out in full exactly once, so the secret can be printed for the user to copy.
 * {@code auth/admin} names the admin's first key id; the user and key live in the {@link UserStore}.
 */
record AdminCredentials(String accessKeyId, String secretAccessKey, boolean createdNow) {
    static final String ADMIN_KEY = "auth/admin";
    static final String ADMIN_USER = "admin";

    /**
     * The admin key, created if this is the first start. Concurrent first starts on one store agree
     * on a single admin key (the batch that creates it requires {@code auth/admin} to be absent).
     * A store from before users existed gets its admin user record here.
     */
    static AdminCredentials ensure(MetadataStore store, UserStore users) {
        Optional<byte[]> existing = store.get(UserStore.bytes(ADMIN_KEY));
        if (existing.isPresent()) {
            return load(store, users, new String(existing.get(), StandardCharsets.UTF_8));
        }
        String id = UserStore.newKeyId();
        String secret = UserStore.newSecret();
        Principal admin = new Principal(ADMIN_USER, Instant.now(), true, Map.of());
        WriteBatch batch = new WriteBatch()
                .expect(UserStore.bytes(ADMIN_KEY), null)
                .put(UserStore.bytes(ADMIN_KEY), UserStore.bytes(id))
                .put(UserStore.bytes(UserStore.USERS + ADMIN_USER), UserStore.encode(admin));
        try {
            users.addKey(admin, id, secret, batch);
        } catch (io.tarn.api.AlreadyExistsException e) {
            // Another process won the first start: use its key.
            return load(store, users, new String(store.get(UserStore.bytes(ADMIN_KEY)).orElseThrow(), StandardCharsets.UTF_8));
        }
        return new AdminCredentials(id, secret, true);
    }

    private static AdminCredentials load(MetadataStore store, UserStore users, String id) {
        Optional<AccessKey> key = users.find(id);
        if (key.isEmpty()) {
            key = users.adoptLegacyAdminKey(id);
        }
        AccessKey found = key.orElseThrow(() -> new ConfigException(
                "Cannot find the admin access key '" + id + "' in the metadata store: it is damaged"));
        return new AdminCredentials(id, found.secretAccessKey(), false);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "AdminCredentials[" + accessKeyId + ", secret ****]";
    }
}
