package io.tarn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TarnUriTest {
    @Test
    void splitsRepositoryRefAndPath() {
        TarnUri uri = TarnUri.parse("lakefs://my-repo/main/data/2026/a.csv");
        assertThat(uri.repository()).isEqualTo("my-repo");
        assertThat(uri.ref()).isEqualTo("main");
        assertThat(uri.path()).isEqualTo("data/2026/a.csv");
        assertThat(uri).hasToString("lakefs://my-repo/main/data/2026/a.csv");
    }

    @Test
    void refAndPathAreOptional() {
        assertThat(TarnUri.parse("lakefs://my-repo")).extracting(TarnUri::ref, TarnUri::path).containsExactly("", "");
        assertThat(TarnUri.parse("lakefs://my-repo/main~2")).extracting(TarnUri::ref, TarnUri::path).containsExactly("main~2", "");
        assertThat(TarnUri.parse("lakefs://my-repo/main/")).extracting(TarnUri::ref, TarnUri::path).containsExactly("main", "");
        assertThat(TarnUri.parse("tarn://my-repo/main/x").path()).isEqualTo("x");
    }

    @Test
    void aDirectoryPrefixEndsWithASlash() {
        assertThat(TarnUri.parse("lakefs://r/main/data").directoryPrefix()).isEqualTo("data/");
        assertThat(TarnUri.parse("lakefs://r/main/data/").directoryPrefix()).isEqualTo("data/");
        assertThat(TarnUri.parse("lakefs://r/main").directoryPrefix()).isEmpty();
    }

    @Test
    void malformedUrisAreUsageErrorsNamingTheValue() {
        for (String raw : new String[] {"my-repo/main", "s3://bucket/key", "lakefs://", "lakefs:///main"}) {
            assertThatThrownBy(() -> TarnUri.parse(raw)).isInstanceOfSatisfying(CliException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE)).hasMessageStartingWith("Invalid URI '" + raw + "': ");
        }
        assertThatThrownBy(() -> TarnUri.parse("lakefs://r//path")).hasMessage("Invalid URI 'lakefs://r//path': the ref between the repository and the path is empty");
    }

    @Test
    void eachCommandAsksForThePartsItNeeds() {
        assertThatThrownBy(() -> TarnUri.repositoryOnly("lakefs://r/main")).hasMessage("Invalid URI 'lakefs://r/main': expected a repository, lakefs://<repository>");
        assertThatThrownBy(() -> TarnUri.refOnly("lakefs://r", "branch")).hasMessage("Invalid URI 'lakefs://r': expected a branch, lakefs://<repository>/<branch>");
        assertThatThrownBy(() -> TarnUri.refOnly("lakefs://r/main/x", "branch")).hasMessageContaining("expected a branch");
        assertThatThrownBy(() -> TarnUri.object("lakefs://r/main/dir/")).hasMessageContaining("expected an object");
        assertThatThrownBy(() -> TarnUri.parse("lakefs://a/main").requireSameRepository(TarnUri.parse("lakefs://b/dev")))
                .hasMessage("Invalid URI 'lakefs://b/dev': it names repository 'b', not 'a'");
    }
}
