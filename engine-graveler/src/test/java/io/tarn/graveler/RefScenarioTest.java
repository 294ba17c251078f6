package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.CommitRequest;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.LogRequest;
import io.tarn.api.MergeRequest;
import io.tarn.api.MergeResult;
import io.tarn.api.NotFoundException;
import io.tarn.api.TagName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestRepositoryExtension.class)
class RefScenarioTest {
    TestRepository repo;

    @Test
    void aBranchResolvesToItsHead() {
        Commit head = repo.commit("main").put("a", "1").create();

        assertThat(repo.engine.resolve(NAME, "main")).isEqualTo(head.id());
    }

    @Test
    void aBranchWithCommittedOnlyMarkerResolvesToItsHeadAndReadsNoStagedData() {
        Commit head = repo.commit("main").put("a", "1").create();
        repo.put("main", "a", "staged");

        assertThat(repo.engine.resolve(NAME, "main@")).isEqualTo(head.id());
        assertThat(repo.read("main@", "a")).isEqualTo("1");
    }

    @Test
    void aTagResolvesToTheCommitItNames() {
        Commit tagged = repo.commit("main").put("a", "1").create();
        repo.engine.createTag(NAME, new TagName("v1.0"), "main");
        repo.commit("main").put("a", "2").create();

        assertThat(repo.engine.resolve(NAME, "v1.0")).isEqualTo(tagged.id());
        assertThat(repo.read("v1.0", "a")).isEqualTo("1");
    }

    @Test
    void aFullCommitIdResolvesToItself() {
        Commit first = repo.commit("main").put("a", "1").create();
        repo.commit("main").put("a", "2").create();

        assertThat(repo.engine.resolve(NAME, first.id().value())).isEqualTo(first.id());
        assertThat(repo.read(first.id().value(), "a")).isEqualTo("1");
    }

    @Test
    void anUnambiguousPrefixOfFourOrMoreDigitsResolvesToTheCommit() {
        Commit first = repo.commit("main").put("a", "1").create();
        repo.commit("main").put("a", "2").create();
        String prefix = shortestUniquePrefix(first.id(), allCommits());

        assertThat(prefix).hasSizeGreaterThanOrEqualTo(4);
        assertThat(repo.engine.resolve(NAME, prefix)).isEqualTo(first.id());
        assertThat(repo.engine.resolve(NAME, first.id().value().substring(0, 12))).isEqualTo(first.id());
    }

    @Test
    void aPrefixOfFewerThanFourDigitsIsNotACommitRef() {
        Commit head = repo.commit("main").put("a", "1").create();
        String three = head.id().value().substring(0, 3);

        assertThatThrownBy(() -> repo.engine.resolve(NAME, three))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'" + three + "'");
    }

    @Test
    void tildeNFollowsFirstParentsNSteps() {
        Commit c1 = repo.commit("main").put("a", "1").create();
        Commit c2 = repo.commit("main").put("a", "2").create();
        Commit c3 = repo.commit("main").put("a", "3").create();

        assertThat(repo.engine.resolve(NAME, "main~0")).isEqualTo(c3.id());
        assertThat(repo.engine.resolve(NAME, "main~")).isEqualTo(c2.id());
        assertThat(repo.engine.resolve(NAME, "main~1")).isEqualTo(c2.id());
        assertThat(repo.engine.resolve(NAME, "main~2")).isEqualTo(c1.id());
        assertThat(repo.engine.resolve(NAME, "main~1~1")).isEqualTo(c1.id());
        assertThat(repo.engine.resolve(NAME, c3.id().value() + "~2")).isEqualTo(c1.id());
        assertThat(repo.read("main~2", "a")).isEqualTo("1");
    }

    @Test
    void stepsApplyToTagsAndCommittedOnlyBranchesToo() {
        Commit c1 = repo.commit("main").put("a", "1").create();
        repo.commit("main").put("a", "2").create();
        repo.engine.createTag(NAME, new TagName("v2"), "main");

        assertThat(repo.engine.resolve(NAME, "v2~1")).isEqualTo(c1.id());
        assertThat(repo.engine.resolve(NAME, "main@~1")).isEqualTo(c1.id());
        assertThat(repo.engine.resolve(NAME, "main@^")).isEqualTo(c1.id());
    }

    @Test
    void caretNChoosesTheNthParent() {
        Commit c1 = repo.commit("main").put("a", "1").create();
        Commit c2 = repo.commit("main").put("a", "2").create();

        assertThat(repo.engine.resolve(NAME, "main^")).isEqualTo(c1.id());
        assertThat(repo.engine.resolve(NAME, "main^1")).isEqualTo(c1.id());
        assertThat(repo.engine.resolve(NAME, "main^0")).isEqualTo(c2.id());
        assertThat(repo.engine.resolve(NAME, "main^^")).isEqualTo(c1.parents().get(0));
    }

    @Test
    void caretTwoOfAMergeCommitIsTheMergedCommit() {
        Commit base = repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit onFeature = repo.commit("feature").put("f", "1").create();
        Commit onMain = repo.commit("main").put("m", "1").create();

        MergeResult merge = repo.engine.merge(NAME, "feature", MAIN, MergeRequest.by("tester"));

        assertThat(merge.fastForwarded()).isFalse();
        assertThat(repo.engine.resolve(NAME, "main")).isEqualTo(merge.head());
        assertThat(repo.engine.resolve(NAME, "main^1")).isEqualTo(onMain.id());
        assertThat(repo.engine.resolve(NAME, "main^2")).isEqualTo(onFeature.id());
        assertThat(repo.engine.resolve(NAME, "main^2~1")).isEqualTo(base.id());
        assertThat(repo.engine.resolve(NAME, "main~1")).isEqualTo(onMain.id());
        assertThat(repo.read("main^2", "f")).isEqualTo("1");
        assertThat(repo.read("main^2", "m")).isNull();
    }

    @Test
    void caretBeyondTheParentsIsNotFoundNamingTheRef() {
        repo.commit("main").put("a", "1").create();

        assertThatThrownBy(() -> repo.engine.resolve(NAME, "main^2"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'main^2'")
                .hasMessageContaining("1 parent");
    }

    @Test
    void tildePastTheFirstCommitIsNotFoundNamingTheRef() {
        repo.commit("main").put("a", "1").create();
        repo.commit("main").put("a", "2").create();

        assertThat(repo.engine.resolve(NAME, "main~2")).isEqualTo(repo.engine.log(NAME, "main", LogRequest.latest(10)).items().get(2).id());
        assertThatThrownBy(() -> repo.engine.resolve(NAME, "main~3"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'main~3'")
                .satisfies(e -> assertThat(((NotFoundException) e).kind()).isEqualTo(NotFoundException.Kind.REF));
        assertThatThrownBy(() -> repo.engine.resolve(NAME, "main~100"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'main~100'");
    }

    @Test
    void theFirstCommitHasNoParent() {
        String first = repo.engine.resolve(NAME, "main").value();

        assertThatThrownBy(() -> repo.engine.resolve(NAME, first + "^"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'" + first + "^'");
    }

    @Test
    void anAmbiguousPrefixIsAnInvalidArgumentSayingSo() {
        Map<String, CommitId> byPrefix = new HashMap<>();
        String ambiguous = null;
        byPrefix.put(repo.engine.resolve(NAME, "main").value().substring(0, 4), repo.engine.resolve(NAME, "main"));
        for (int i = 0; i < 3000 && ambiguous == null; i++) {
            Commit c = repo.engine.commit(NAME, MAIN, new CommitRequest("empty " + i, "tester", Map.of(), true));
            String prefix = c.id().value().substring(0, 4);
            if (byPrefix.putIfAbsent(prefix, c.id()) != null) {
                ambiguous = prefix;
            }
        }
        assertThat(ambiguous).as("two of 3000 commit ids share their first 4 digits").isNotNull();
        String prefix = ambiguous;

        assertThatThrownBy(() -> repo.engine.resolve(NAME, prefix))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'" + prefix + "'")
                .hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> repo.read(prefix, "a"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("ambiguous");
        CommitId one = byPrefix.get(prefix);
        assertThat(repo.engine.resolve(NAME, one.value().substring(0, 20))).isEqualTo(one);
    }

    @Test
    void anUnknownRefIsNotFoundNamingIt() {
        assertThatThrownBy(() -> repo.engine.resolve(NAME, "nowhere"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nowhere'")
                .satisfies(e -> {
                    assertThat(((NotFoundException) e).kind()).isEqualTo(NotFoundException.Kind.REF);
                    assertThat(((NotFoundException) e).value()).isEqualTo("nowhere");
                });
    }

    @Test
    void anUnknownBranchWithTheCommittedOnlyMarkerIsNotFoundNamingIt() {
        assertThatThrownBy(() -> repo.engine.resolve(NAME, "ghost@"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'ghost@'");
    }

    @Test
    void anUnknownCommitIdIsNotFoundNamingIt() {
        String unknown = "0123456789abcdef".repeat(4);

        assertThatThrownBy(() -> repo.engine.resolve(NAME, unknown))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown);
        assertThatThrownBy(() -> repo.engine.resolve(NAME, "feedbeef"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'feedbeef'");
    }

    @Test
    void committedOnlyMarkerOnATagIsAnInvalidArgument() {
        repo.engine.createTag(NAME, new TagName("v1"), "main");

        assertThatThrownBy(() -> repo.engine.resolve(NAME, "v1@"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'v1@'");
    }

    @Test
    void aMalformedExpressionIsAnInvalidArgumentNamingIt() {
        assertThatThrownBy(() -> repo.engine.resolve(NAME, "main~x"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'main~x'");
        assertThatThrownBy(() -> repo.engine.resolve(NAME, "~1"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'~1'");
        assertThatThrownBy(() -> repo.engine.resolve(NAME, ""))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aBranchNamedLikeACommitPrefixResolvesAsTheBranch() {
        Commit first = repo.commit("main").put("a", "1").create();
        String prefix = first.id().value().substring(0, 8);
        repo.commit("main").put("a", "2").create();
        repo.branch(prefix, "main");
        Commit onBranch = repo.commit(prefix).put("b", "1").create();

        assertThat(repo.engine.resolve(NAME, prefix)).isEqualTo(onBranch.id());
    }

    private List<CommitId> allCommits() {
        return repo.engine.log(NAME, "main", LogRequest.latest(1000)).items().stream().map(Commit::id).toList();
    }

    private static String shortestUniquePrefix(CommitId id, List<CommitId> all) {
        for (int n = 4; n <= 64; n++) {
            String prefix = id.value().substring(0, n);
            if (all.stream().filter(c -> c.value().startsWith(prefix)).count() == 1) {
                return prefix;
            }
        }
        return id.value();
    }
}
