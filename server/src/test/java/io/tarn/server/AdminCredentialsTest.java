package io.tarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.gateway.rest.ApiUsers;
import io.tarn.graveler.meta.LmdbMetadataStore;
import io.tarn.graveler.meta.MetadataStore;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void the_admin_key_authenticates_the_rest_api_as_the_admin_user() throws Exception {
        try (MetadataStore store = LmdbMetadataStore.open(dir)) {
            AdminCredentials admin = AdminCredentials.ensure(store);
            Optional<ApiUsers.ApiUser> user = AdminCredentials.apiUser(store, admin.accessKeyId());
            assertThat(user).hasValueSatisfying(u -> {
                assertThat(u.userId()).isEqualTo("admin");
                assertThat(u.secretAccessKey()).isEqualTo(admin.secretAccessKey());
                assertThat(u.toString()).doesNotContain(admin.secretAccessKey());
            });
            assertThat(AdminCredentials.apiUser(store, "AKUNKNOWN")).isEmpty();
            assertThat(AdminCredentials.apiUser(store, "")).isEmpty();
        }
    }
}
