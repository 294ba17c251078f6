package io.tarn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.AlreadyExistsException;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.NotFoundException;
import io.tarn.gateway.access.AccessKey;
import io.tarn.gateway.access.Permission;
import io.tarn.gateway.access.Principal;
import io.tarn.graveler.meta.LmdbMetadataStore;
import io.tarn.graveler.meta.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, keys and grants on a real LMDB. */
class UserStoreTest {
    @TempDir
    Path dir;
    private MetadataStore store;
    private UserStore users;

    @BeforeEach
    void open() {
        store = LmdbMetadataStore.open(dir);
        users = new UserStore(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void the_first_start_creates_a_superuser_admin_whose_key_is_found_with_its_secret() {
        AdminCredentials admin = AdminCredentials.ensure(store, users);
        assertThat(admin.createdNow()).isTrue();
        AccessKey key = users.find(admin.accessKeyId()).orElseThrow();
        assertThat(key.owner().userId()).isEqualTo("admin");
        assertThat(key.owner().superuser()).isTrue();
        assertThat(key.secretAccessKey()).isEqualTo(admin.secretAccessKey());
        assertThat(key.toString()).doesNotContain(admin.secretAccessKey());
        assertThat(admin.toString()).doesNotContain(admin.secretAccessKey());
        assertThat(users.find("AKUNKNOWN")).isEmpty();
        assertThat(users.find("")).isEmpty();
    }

    @Test
    void a_later_start_returns_the_same_admin_key_without_printing_it_as_new() {
        AdminCredentials first = AdminCredentials.ensure(store, users);
        AdminCredentials again = AdminCredentials.ensure(store, new UserStore(store));
        assertThat(again.createdNow()).isFalse();
        assertThat(again.accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(again.secretAccessKey()).isEqualTo(first.secretAccessKey());
    }

    @Test
    void a_store_from_before_users_existed_keeps_its_admin_key_working() {
        store.put(bytes("auth/keys/AKOLD"), bytes("{\"user\":\"admin\",\"secret\":\"old-secret\",\"created\":\"2026-11-01T00:00:00Z\"}"));
        store.put(bytes("auth/admin"), bytes("AKOLD"));
        AdminCredentials admin = AdminCredentials.ensure(store, users);
        assertThat(admin.secretAccessKey()).isEqualTo("old-secret");
        assertThat(users.find("AKOLD").orElseThrow().owner().superuser()).isTrue();
        assertThat(users.accessKeys("admin")).extracting(AccessKey::accessKeyId).containsExactly("AKOLD");
    }

    @Test
    void a_new_user_has_no_permissions_until_granted_and_sees_grants_and_revocations_at_once() {
        users.createUser("bob", false);
        AccessKey key = users.createAccessKey("bob");
        assertThat(users.find(key.accessKeyId()).orElseThrow().owner().may(Permission.READ, "data")).isFalse();

        users.grant("bob", "data", Permission.WRITE);
        Principal bob = users.find(key.accessKeyId()).orElseThrow().owner();
        assertThat(bob.may(Permission.WRITE, "data")).isTrue();
        assertThat(bob.may(Permission.ADMIN, "data")).isFalse();
        assertThat(bob.may(Permission.READ, "other")).isFalse();

        users.grant("bob", "*", Permission.READ);
        assertThat(users.find(key.accessKeyId()).orElseThrow().owner().may(Permission.READ, "other")).isTrue();

        users.revoke("bob", "data");
        bob = users.find(key.accessKeyId()).orElseThrow().owner();
        assertThat(bob.may(Permission.WRITE, "data")).isFalse();
        assertThat(bob.may(Permission.READ, "data")).isTrue();
    }

    @Test
    void users_keys_and_grants_survive_a_reopen() {
        users.createUser("carol", false);
        users.grant("carol", "logs", Permission.ADMIN);
        AccessKey key = users.createAccessKey("carol");
        store.close();
        store = LmdbMetadataStore.open(dir);
        users = new UserStore(store);
        AccessKey found = users.find(key.accessKeyId()).orElseThrow();
        assertThat(found.secretAccessKey()).isEqualTo(key.secretAccessKey());
        assertThat(found.owner().level("logs")).contains(Permission.ADMIN);
    }

    @Test
    void deleting_a_user_deletes_its_keys() {
        users.createUser("dave", false);
        AccessKey one = users.createAccessKey("dave");
        AccessKey two = users.createAccessKey("dave");
        assertThat(users.find(one.accessKeyId())).isPresent();
        users.deleteUser("dave");
        assertThat(users.find(one.accessKeyId())).isEmpty();
        assertThat(users.find(two.accessKeyId())).isEmpty();
        assertThat(users.user("dave")).isEmpty();
        assertThatThrownBy(() -> users.deleteUser("dave")).isInstanceOf(NotFoundException.class).hasMessageContaining("'dave'");
    }

    @Test
    void a_deleted_key_no_longer_authenticates_and_the_others_still_do() {
        users.createUser("erin", false);
        AccessKey one = users.createAccessKey("erin");
        AccessKey two = users.createAccessKey("erin");
        users.find(one.accessKeyId()); // cached
        users.deleteAccessKey("erin", one.accessKeyId());
        assertThat(users.find(one.accessKeyId())).isEmpty();
        assertThat(users.find(two.accessKeyId())).isPresent();
        assertThatThrownBy(() -> users.deleteAccessKey("erin", one.accessKeyId()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(one.accessKeyId());
    }

    @Test
    void bad_input_is_refused_naming_the_value() {
        users.createUser("frank", false);
        assertThatThrownBy(() -> users.createUser("frank", false)).isInstanceOf(AlreadyExistsException.class).hasMessageContaining("'frank'");
        assertThatThrownBy(() -> users.createUser("no/slash", false)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'no/slash'");
        assertThatThrownBy(() -> users.createUser("", false)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> users.grant("frank", "Bad_Name", Permission.READ)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'Bad_Name'");
        assertThatThrownBy(() -> users.grant("nobody", "data", Permission.READ)).isInstanceOf(NotFoundException.class).hasMessageContaining("'nobody'");
        assertThatThrownBy(() -> users.createAccessKey("nobody")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void users_list_in_id_order_page_by_page() {
        for (String id : List.of("u3", "u1", "u2", "u4")) {
            users.createUser(id, false);
        }
        assertThat(users.users("", 3)).extracting(Principal::userId).containsExactly("u1", "u2", "u3");
        assertThat(users.users("u3", 3)).extracting(Principal::userId).containsExactly("u4");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
