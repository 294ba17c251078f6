package io.tarn.gateway.rest;

import io.tarn.api.AlreadyExistsException;
import io.tarn.api.NotFoundException;
import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.Permission;
import io.tarn.gateway.access.Principal;
import io.tarn.gateway.access.UserDirectory;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Users in memory, for tests of the HTTP side; the server's store keeps them in LMDB. */
final class TestUsers implements UserDirectory {
    private final Map<String, Principal> users = new TreeMap<>();
    private final Map<String, String[]> keys = new TreeMap<>(); // id -> {user, secret}
    private int next;

    /** A user with one key of the given id and secret. */
    TestUsers with(String userId, boolean superuser, String keyId, String secret) {
        users.put(userId, new Principal(userId, Instant.EPOCH, superuser, Map.of()));
        keys.put(keyId, new String[] {userId, secret});
        return this;
    }

    @Override
    public synchronized Optional<AccessKey> find(String accessKeyId) {
        String[] k = keys.get(accessKeyId);
        return k == null ? Optional.empty() : user(k[0]).map(u -> new AccessKey(accessKeyId, k[1], Instant.EPOCH, u));
    }

    @Override
    public synchronized Principal createUser(String userId, boolean superuser) {
        if (users.containsKey(userId)) {
            throw new AlreadyExistsException("user", userId);
        }
        Principal p = new Principal(userId, Instant.EPOCH, superuser, Map.of());
        users.put(userId, p);
        return p;
    }

    @Override
    public synchronized Optional<Principal> user(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    @Override
    public synchronized List<Principal> users(String after, int amount) {
        return users.values().stream().filter(u -> u.userId().compareTo(after == null ? "" : after) > 0).limit(amount).toList();
    }

    @Override
    public synchronized void deleteUser(String userId) {
        require(userId);
        users.remove(userId);
        keys.values().removeIf(k -> k[0].equals(userId));
    }

    @Override
    public synchronized AccessKey createAccessKey(String userId) {
        Principal owner = require(userId);
        String id = "AKTEST" + (next++);
        keys.put(id, new String[] {userId, "secret-" + id});
        return new AccessKey(id, "secret-" + id, Instant.EPOCH, owner);
    }

    @Override
    public synchronized List<AccessKey> accessKeys(String userId) {
        require(userId);
        return keys.keySet().stream().map(this::find).flatMap(Optional::stream).filter(k -> k.owner().userId().equals(userId)).toList();
    }

    @Override
    public synchronized void deleteAccessKey(String userId, String accessKeyId) {
        require(userId);
        if (keys.remove(accessKeyId) == null) {
            throw new NotFoundException(NotFoundException.Kind.ACCESS_KEY, accessKeyId);
        }
    }

    @Override
    public synchronized Principal grant(String userId, String repository, Permission permission) {
        Map<String, Permission> grants = new HashMap<>(require(userId).grants());
        grants.put(repository, permission);
        return replace(userId, grants);
    }

    @Override
    public synchronized Principal revoke(String userId, String repository) {
        Map<String, Permission> grants = new HashMap<>(require(userId).grants());
        grants.remove(repository);
        return replace(userId, grants);
    }

    private Principal replace(String userId, Map<String, Permission> grants) {
        Principal old = users.get(userId);
        Principal p = new Principal(userId, old.created(), old.superuser(), grants);
        users.put(userId, p);
        return p;
    }

    private Principal require(String userId) {
        Principal p = users.get(userId);
        if (p == null) {
            throw new NotFoundException(NotFoundException.Kind.USER, userId);
        }
        return p;
    }
}
