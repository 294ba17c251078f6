package io.tarn.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalTest {
    private static Principal user(Map<String, Permission> grants) {
        return new Principal("bob", Instant.EPOCH, false, grants);
    }

    @Test
    void each_level_includes_the_ones_below_it() {
        Principal writer = user(Map.of("data", Permission.WRITE));
        assertThat(writer.may(Permission.READ, "data")).isTrue();
        assertThat(writer.may(Permission.WRITE, "data")).isTrue();
        assertThat(writer.may(Permission.ADMIN, "data")).isFalse();
    }

    @Test
    void a_grant_covers_only_its_repository() {
        assertThat(user(Map.of("data", Permission.ADMIN)).may(Permission.READ, "logs")).isFalse();
    }

    @Test
    void the_higher_of_the_own_and_the_every_repository_grant_applies() {
        Principal p = user(Map.of("data", Permission.READ, "*", Permission.WRITE, "logs", Permission.ADMIN));
        assertThat(p.level("data")).contains(Permission.WRITE);
        assertThat(p.level("logs")).contains(Permission.ADMIN);
        assertThat(p.level("other")).contains(Permission.WRITE);
        assertThat(user(Map.of()).level("other")).isEmpty();
    }

    @Test
    void a_superuser_may_do_everything() {
        Principal root = new Principal("root", Instant.EPOCH, true, Map.of());
        assertThat(root.may(Permission.ADMIN, "anything")).isTrue();
        root.requireSuperuser("list users");
    }

    @Test
    void a_refusal_names_the_user_the_repository_and_both_levels() {
        assertThatThrownBy(() -> user(Map.of("data", Permission.READ)).require(Permission.WRITE, "data"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("User 'bob' needs write permission on repository 'data', and has only read");
        assertThatThrownBy(() -> user(Map.of()).require(Permission.READ, "data"))
                .hasMessage("User 'bob' needs read permission on repository 'data', and has none");
        assertThatThrownBy(() -> user(Map.of()).requireSuperuser("list users"))
                .hasMessage("User 'bob' may not list users: only a superuser may");
    }

    @Test
    void permission_names_parse_in_any_case_and_bad_ones_are_named() {
        assertThat(Permission.parse("Write")).isEqualTo(Permission.WRITE);
        assertThatThrownBy(() -> Permission.parse("owner")).hasMessageContaining("'owner'");
        assertThatThrownBy(() -> Permission.parse(null)).hasMessageContaining("'null'");
    }
}
