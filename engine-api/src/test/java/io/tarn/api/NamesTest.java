package io.tarn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-repo", "0day", "a23456789012345678901234567890123456789012345678901234567890123"})
    void validRepositoryNamesAreAccepted(String name) {
        assertThat(new RepositoryName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "-repo", "My-Repo", "repo_1", "repo.name", "a234567890123456789012345678901234567890123456789012345678901234", ""})
    void invalidRepositoryNamesAreRefusedNamingTheValue(String name) {
        assertThatThrownBy(() -> new RepositoryName(name))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid repository name '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "feature-1", "_tmp", "Ünïcode", "x"})
    void validBranchNamesAreAccepted(String name) {
        assertThat(new BranchName(name).toString()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-x", "a/b", "a b", "main~1", "main@", "a.b", ""})
    void invalidBranchNamesAreRefused(String name) {
        assertThatThrownBy(() -> new BranchName(name))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid branch name '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.0", "release-2026", "v1.0-rc1", "x"})
    void validTagNamesAreAccepted(String name) {
        assertThat(new TagName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "v1..2", ".hidden", "-x", "v1.", "v1.lock", "@", "a@{b", "a b", "a~1", "a^", "a:b", "a?", "a*", "a[", "a\\b", ""})
    void invalidTagNamesAreRefusedWithTheRule(String name) {
        assertThatThrownBy(() -> new TagName(name))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid tag name '" + name + "': ");
    }

    @Test
    void commitIdsAreSixtyFourLowerCaseHexDigits() {
        String hex = "0123456789abcdef".repeat(4);
        assertThat(new CommitId(hex).abbreviated()).isEqualTo("0123456789ab");
        assertThatThrownBy(() -> new CommitId(hex.toUpperCase())).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new CommitId(hex.substring(1))).hasMessageContaining("expected 64 lower-case hex digits");
    }
}
