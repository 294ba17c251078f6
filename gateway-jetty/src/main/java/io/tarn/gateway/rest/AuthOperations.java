package io.tarn.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.api.Page;
import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.Permission;
import io.tarn.gateway.access.Principal;
import io.tarn.gateway.access.UserDirectory;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Users, their access keys and their permissions under {@code /auth}: lakeFS's user and
 * credentials endpoints, and Tarn's per-repository permissions
 * ({@code /auth/users/{userId}/permissions/{repository}}, with {@code *} for every repository).
 * Superusers manage everything; any user may read itself and manage its own keys.
 */
final class AuthOperations {
    private static final String USER = "/auth/users/{userId}";
    private static final String CREDENTIALS = USER + "/credentials";
    private static final String PERMISSIONS = USER + "/permissions";

    private final UserDirectory users;

    AuthOperations(UserDirectory users) {
        this.users = users;
    }

    void register(Routes routes) {
        routes.add("GET", "/auth/users", this::listUsers)
                .add("POST", "/auth/users", this::createUser)
                .add("GET", USER, call -> call.replyJson(200, user(ownOrSuperuser(call, "read user"))))
                .add("DELETE", USER, this::deleteUser)
                .add("GET", CREDENTIALS, this::listKeys)
                .add("POST", CREDENTIALS, call -> call.replyJson(201, keyWithSecret(users.createAccessKey(ownOrSuperuser(call, "create access keys for").userId()))))
                .add("GET", CREDENTIALS + "/{accessKeyId}", call -> call.replyJson(200, key(ownKey(call))))
                .add("DELETE", CREDENTIALS + "/{accessKeyId}", this::deleteKey)
                .add("GET", PERMISSIONS, this::listPermissions)
                .add("PUT", PERMISSIONS + "/{repository}", this::grant)
                .add("DELETE", PERMISSIONS + "/{repository}", call -> {
                    call.principal().requireSuperuser("change permissions");
                    users.revoke(requireUser(call.path("userId")).userId(), call.path("repository"));
                    call.replyEmpty(204);
                });
    }

    private void listUsers(ApiCall call) {
        call.principal().requireSuperuser("list users");
        Paging paging = Paging.of(call);
        Page<Principal> page = paging.filter((after, amount) -> {
            List<Principal> found = users.users(after, amount);
            return new Page<>(found, found.size() == amount, found.isEmpty() ? after : found.get(found.size() - 1).userId());
        }, Principal::userId);
        call.replyJson(200, Json.page(page.items().stream().map(AuthOperations::user).toList(), page.hasMore(), page.nextAfter()));
    }

    private void createUser(ApiCall call) throws IOException {
        call.principal().requireSuperuser("create users");
        JsonBody body = call.json();
        Principal created = users.createUser(body.requiredString("id"), body.bool("superuser"));
        call.replyJson(201, user(created));
    }

    private void deleteUser(ApiCall call) {
        call.principal().requireSuperuser("delete users");
        String userId = call.path("userId");
        if (userId.equals(call.user())) {
            throw ApiError.badRequest("Cannot delete user '" + userId + "': it is the user making this request");
        }
        users.deleteUser(userId);
        call.replyEmpty(204);
    }

    private void listKeys(ApiCall call) {
        Principal owner = ownOrSuperuser(call, "list access keys of");
        Paging paging = Paging.of(call);
        List<AccessKey> all = users.accessKeys(owner.userId());
        Page<AccessKey> page = paging.filter((after, amount) -> {
            List<AccessKey> rest = all.stream().filter(k -> k.accessKeyId().compareTo(after) > 0).limit(amount).toList();
            return new Page<>(rest, false, "");
        }, AccessKey::accessKeyId);
        call.replyJson(200, Json.page(page.items().stream().map(AuthOperations::key).toList(), page.hasMore(), page.nextAfter()));
    }

    private void deleteKey(ApiCall call) {
        AccessKey key = ownKey(call);
        if (key.accessKeyId().equals(call.accessKeyId())) {
            throw ApiError.badRequest("Cannot delete access key '" + key.accessKeyId() + "': it signs this request");
        }
        users.deleteAccessKey(key.owner().userId(), key.accessKeyId());
        call.replyEmpty(204);
    }

    private void listPermissions(ApiCall call) {
        Principal user = ownOrSuperuser(call, "read the permissions of");
        ObjectNode out = Json.object().put("superuser", user.superuser());
        var results = out.putArray("results");
        user.grants().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> results.addObject().put("repository", e.getKey()).put("permission", e.getValue().wireName()));
        call.replyJson(200, out);
    }

    private void grant(ApiCall call) throws IOException {
        call.principal().requireSuperuser("change permissions");
        String raw = call.json().requiredString("permission");
        Permission permission;
        try {
            permission = Permission.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        Principal updated = users.grant(requireUser(call.path("userId")).userId(), call.path("repository"), permission);
        call.replyJson(200, Json.object().put("repository", call.path("repository"))
                .put("permission", updated.grants().get(call.path("repository")).wireName()));
    }

    /** The user named in the path, when it is the caller or the caller is a superuser. */
    private Principal ownOrSuperuser(ApiCall call, String what) {
        String userId = call.path("userId");
        if (!userId.equals(call.user())) {
            call.principal().requireSuperuser(what + " user '" + userId + "'");
        }
        return requireUser(userId);
    }

    private AccessKey ownKey(ApiCall call) {
        Principal owner = ownOrSuperuser(call, "manage access keys of");
        String id = call.path("accessKeyId");
        return users.accessKeys(owner.userId()).stream().filter(k -> k.accessKeyId().equals(id)).findFirst()
                .orElseThrow(() -> new io.tarn.api.NotFoundException(io.tarn.api.NotFoundException.Kind.ACCESS_KEY, id,
                        "user '" + owner.userId() + "' has no such key"));
    }

    private Principal requireUser(String userId) {
        return users.user(userId).orElseThrow(() -> new io.tarn.api.NotFoundException(io.tarn.api.NotFoundException.Kind.USER, userId));
    }

    private static ObjectNode user(Principal user) {
        return Json.object().put("id", user.userId()).put("creation_date", Json.seconds(user.created())).put("friendly_name", user.userId());
    }

    private static ObjectNode key(AccessKey key) {
        return Json.object().put("access_key_id", key.accessKeyId()).put("creation_date", Json.seconds(key.created()));
    }

    private static ObjectNode keyWithSecret(AccessKey key) {
        return key(key).put("secret_access_key", key.secretAccessKey()).put("user_id", key.owner().userId());
    }
}
