package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.tarn.api.AlreadyExistsException;
import io.tarn.api.Branch;
import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.LogRequest;
import io.tarn.api.NotFoundException;
import io.tarn.api.Page;
import io.tarn.api.Repository;
import io.tarn.api.RepositoryName;
import io.tarn.api.TagName;
import io.tarn.blockstore.local.LocalBlockStore;
import io.tarn.blockstore.local.LocalBlockStoreConfig;
import io.tarn.graveler.meta.LmdbMetadataStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(TestRepositoryExtension.class)
class RepositoryScenarioTest {
    private static final RepositoryName OTHER = new RepositoryName("other-repo");

    TestRepository repo;

    @Test
    void aNewRepositoryStartsWithOneEmptyCommitOnItsDefaultBranch() {
        Repository created = repo.engine.createRepository(OTHER, "local://other-repo", new BranchName("trunk"));

        assertThat(created.defaultBranch()).isEqualTo(new BranchName("trunk"));
        List<Commit> log = repo.engine.log(OTHER, "trunk", LogRequest.latest(10)).items();
        assertThat(log).singleElement().satisfies(c -> {
            assertThat(c.parents()).isEmpty();
            assertThat(c.generation()).isEqualTo(1);
        });
        assertThat(repo.engine.listBranches(OTHER, "", 10).items())
                .containsExactly(new Branch(new BranchName("trunk"), log.get(0).id()));
        assertThat(repo.engine.listObjects(OTHER, "trunk", io.tarn.api.ListRequest.all("", 10)).objects()).isEmpty();
    }

    @Test
    void aNewRepositoryIsDatedWhenItWasCreated() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Repository created = repo.engine.createRepository(OTHER, "local://other-repo", MAIN);
        Instant after = Instant.now();

        assertThat(created.creationDate()).isBetween(before, after);
        assertThat(repo.engine.getRepository(OTHER).creationDate()).isEqualTo(created.creationDate());
    }

    @Test
    void aRepositoryKeepsItsNameNamespaceAndDefaultBranchAcrossARestart() {
        Repository created = repo.engine.createRepository(OTHER, "local://other-repo/with/prefix", new BranchName("trunk"));
        repo.close();
        repo = TestRepository.reopen(repo.dir);

        Repository read = repo.engine.getRepository(OTHER);

        assertThat(read).isEqualTo(created);
        assertThat(read.storageNamespace()).isEqualTo("local://other-repo/with/prefix");
        assertThat(read.defaultBranch()).isEqualTo(new BranchName("trunk"));
    }

    @Test
    void aSecondRepositoryWithATakenNameIsRefused() {
        assertThatThrownBy(() -> repo.engine.createRepository(NAME, "local://elsewhere", MAIN))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("'test-repo'")
                .satisfies(e -> assertThat(((AlreadyExistsException) e).value()).isEqualTo("test-repo"));
        assertThat(repo.engine.getRepository(NAME).storageNamespace()).isEqualTo("local://test-repo");
    }

    @Test
    void aRefusedCreationDoesNotClaimItsNamespace() {
        assertThatThrownBy(() -> repo.engine.createRepository(NAME, "local://elsewhere", MAIN))
                .isInstanceOf(AlreadyExistsException.class);

        Repository other = repo.engine.createRepository(OTHER, "local://elsewhere", MAIN);

        assertThat(other.storageNamespace()).isEqualTo("local://elsewhere");
    }

    @Test
    void theSameNamespaceAsAnotherRepositoryIsRefusedNamingThatRepository() {
        assertThatThrownBy(() -> repo.engine.createRepository(OTHER, "local://test-repo", MAIN))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("'local://test-repo'")
                .hasMessageContaining("'test-repo'");
        assertThatThrownBy(() -> repo.engine.getRepository(OTHER)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aNamespaceInsideAnotherRepositorysNamespaceIsRefusedNamingThatRepository() {
        assertThatThrownBy(() -> repo.engine.createRepository(OTHER, "local://test-repo/nested", MAIN))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("'local://test-repo/nested'")
                .hasMessageContaining("'test-repo'");
    }

    @Test
    void aNamespaceContainingAnotherRepositorysNamespaceIsRefusedNamingThatRepository() {
        repo.engine.createRepository(OTHER, "local://shared/deep/other", MAIN);

        assertThatThrownBy(() -> repo.engine.createRepository(new RepositoryName("third-repo"), "local://shared", MAIN))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("'local://shared'")
                .hasMessageContaining("'other-repo'");
    }

    @Test
    void aNamespaceThatMerelySharesAStringPrefixWithAnotherIsAccepted() {
        Repository created = repo.engine.createRepository(OTHER, "local://test-repo-2", MAIN);

        assertThat(created.storageNamespace()).isEqualTo("local://test-repo-2");
    }

    @Test
    void aNamespaceWhoseSchemeNoBlockstoreServesIsAnInvalidArgument() {
        Path other = repo.dir.resolve("no-scheme");
        try (LmdbMetadataStore meta = LmdbMetadataStore.open(other.resolve("meta"));
                LocalBlockStore blocks = LocalBlockStore.open(new LocalBlockStoreConfig(other.resolve("blocks")));
                Graveler engine = new Graveler(meta, location -> {
                    if (location.scheme().equals("nope")) {
                        throw new IllegalArgumentException("Invalid scheme 'nope': no configured blockstore serves it");
                    }
                    return blocks;
                }, GravelerOptions.defaults(other.resolve("cache")))) {

            assertThatThrownBy(() -> engine.createRepository(OTHER, "nope://bucket/repo", MAIN))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("'nope://bucket/repo'")
                    .hasMessageContaining("nope");
            assertThatThrownBy(() -> engine.getRepository(OTHER)).isInstanceOf(NotFoundException.class);
            assertThat(engine.createRepository(OTHER, "local://bucket/repo", MAIN).storageNamespace()).isEqualTo("local://bucket/repo");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-scheme-here", "://no-scheme", "Local://upper-case-scheme", "local:/one-slash"})
    void aMalformedNamespaceIsAnInvalidArgumentNamingIt(String namespace) {
        assertThatThrownBy(() -> repo.engine.createRepository(OTHER, namespace, MAIN))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("storage namespace")
                .hasMessageContaining("'" + namespace + "'");
        assertThatThrownBy(() -> repo.engine.getRepository(OTHER)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anUnknownRepositoryIsNotFound() {
        assertThatThrownBy(() -> repo.engine.getRepository(new RepositoryName("no-such-repo")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'no-such-repo'")
                .satisfies(e -> {
                    assertThat(((NotFoundException) e).kind()).isEqualTo(NotFoundException.Kind.REPOSITORY);
                    assertThat(((NotFoundException) e).value()).isEqualTo("no-such-repo");
                });
    }

    @Test
    void deletingAnUnknownRepositoryIsNotFound() {
        assertThatThrownBy(() -> repo.engine.deleteRepository(new RepositoryName("no-such-repo")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'no-such-repo'");
    }

    @Test
    void repositoriesAreListedInNameOrderPageByPage() {
        for (String name : List.of("repo-c", "repo-a", "abc", "abc-d", "repo-b")) {
            repo.engine.createRepository(new RepositoryName(name), "local://" + name, MAIN);
        }

        Page<Repository> first = repo.engine.listRepositories("", 2);
        Page<Repository> second = repo.engine.listRepositories(first.nextAfter(), 2);
        Page<Repository> third = repo.engine.listRepositories(second.nextAfter(), 2);

        assertThat(names(first)).containsExactly("abc", "abc-d");
        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextAfter()).isEqualTo("abc-d");
        assertThat(names(second)).containsExactly("repo-a", "repo-b");
        assertThat(second.hasMore()).isTrue();
        assertThat(names(third)).containsExactly("repo-c", "test-repo");
        assertThat(third.hasMore()).isFalse();
        assertThat(third.nextAfter()).isNull();
    }

    @Test
    void listingRepositoriesAfterANameStartsStrictlyAfterIt() {
        repo.engine.createRepository(new RepositoryName("abc"), "local://abc", MAIN);
        repo.engine.createRepository(new RepositoryName("abc-d"), "local://abc-d", MAIN);

        assertThat(names(repo.engine.listRepositories("abc", 10))).containsExactly("abc-d", "test-repo");
        assertThat(names(repo.engine.listRepositories("ab", 10))).containsExactly("abc", "abc-d", "test-repo");
        assertThat(names(repo.engine.listRepositories("test-repo", 10))).isEmpty();
    }

    @Test
    void aDeletedRepositoryIsNotFoundAndNotListed() {
        repo.commit("main").put("a", "1").create();

        repo.engine.deleteRepository(NAME);

        assertThatThrownBy(() -> repo.engine.getRepository(NAME))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'test-repo'");
        assertThat(repo.engine.listRepositories("", 10).items()).isEmpty();
    }

    @Test
    void aDeletedRepositorysBranchesAndObjectsAreGone() {
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");

        repo.engine.deleteRepository(NAME);

        assertThatThrownBy(() -> repo.engine.getBranch(NAME, new BranchName("feature")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'test-repo'");
        assertThatThrownBy(() -> repo.engine.listBranches(NAME, "", 10))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'test-repo'");
        assertThatThrownBy(() -> repo.engine.statObject(NAME, "main", "a"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'test-repo'");
    }

    @Test
    void aRepositoryRecreatedUnderTheSameNameOnAFreshNamespaceSeesNoneOfTheOldData() {
        Commit old = repo.commit("main").put("a", "1").put("dir/b", "2").create();
        repo.put("main", "staged", "s");
        repo.branch("feature", "main");
        repo.engine.createTag(NAME, new TagName("v1"), "main");
        repo.engine.deleteRepository(NAME);

        Repository fresh = repo.engine.createRepository(NAME, "local://test-repo-fresh", MAIN);

        assertThat(fresh.storageNamespace()).isEqualTo("local://test-repo-fresh");
        assertThat(repo.contents("main")).isEmpty();
        assertThat(repo.engine.listBranches(NAME, "", 10).items()).extracting(b -> b.name().value()).containsExactly("main");
        assertThat(repo.engine.listTags(NAME, "", 10).items()).isEmpty();
        assertThat(repo.engine.log(NAME, "main", LogRequest.latest(10)).items()).singleElement()
                .satisfies(c -> assertThat(c.id()).isNotEqualTo(old.id()));
        assertThatThrownBy(() -> repo.engine.resolve(NAME, old.id().value())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> repo.engine.getCommit(NAME, old.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRecreatedRepositoryWorksLikeANewOne() {
        repo.commit("main").put("a", "1").create();
        repo.engine.deleteRepository(NAME);
        repo.engine.createRepository(NAME, "local://test-repo-fresh", MAIN);

        repo.commit("main").put("b", "2").create();

        assertThat(repo.contents("main@")).containsExactly(entry("b", "2"));
        assertThat(repo.engine.log(NAME, "main", LogRequest.latest(10)).items()).hasSize(2);
    }

    @Test
    void aDeletedRepositorysNamespaceStillHoldsItsObjectsSoItCannotBeReused() {
        repo.commit("main").put("a", "1").create();
        repo.engine.deleteRepository(NAME);

        assertThatThrownBy(() -> repo.engine.createRepository(OTHER, "local://test-repo", MAIN))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("'local://test-repo'")
                .hasMessageContaining("'test-repo'");
    }

    private static List<String> names(Page<Repository> page) {
        return page.items().stream().map(r -> r.name().value()).toList();
    }
}
