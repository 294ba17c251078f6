package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.tarn.api.Commit;
import io.tarn.api.CommitRequest;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.LogRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestRepositoryExtension.class)
class CommitScenarioTest {
    TestRepository repo;

    @Test
    void aNewRepositoryHasOneEmptyCommitOnItsDefaultBranch() {
        assertThat(repo.contents("main")).isEmpty();
        assertThat(repo.engine.log(NAME, "main", LogRequest.latest(10)).items()).singleElement()
                .satisfies(c -> assertThat(c.parents()).isEmpty());
    }

    @Test
    void stagedWritesAreVisibleOnTheBranchButNotAtItsCommittedState() {
        repo.put("main", "a.txt", "hello");

        assertThat(repo.read("main", "a.txt")).isEqualTo("hello");
        assertThat(repo.read("main@", "a.txt")).isNull();
    }

    @Test
    void aCommitTakesEveryStagedChangeAndLeavesNothingStaged() {
        repo.commit("main").put("a", "1").put("b", "2").put("c", "3").create();
        Commit second = repo.commit("main").put("b", "two").delete("c").put("d", "4").create();

        assertThat(repo.contents("main@")).containsExactly(entry("a", "1"), entry("b", "two"), entry("d", "4"));
        assertThat(repo.contents(second.id().value())).isEqualTo(repo.contents("main"));
        assertThat(repo.engine.diffUncommitted(NAME, MAIN, io.tarn.api.DiffRequest.twoDot(10)).items()).isEmpty();
    }

    @Test
    void aCommitWithNothingStagedIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> repo.commit("main", "nothing"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'main'").hasMessageContaining("no uncommitted changes");

        Commit empty = repo.engine.commit(NAME, MAIN, new CommitRequest("empty", "tester", Map.of(), true));

        assertThat(empty.parents()).hasSize(1);
        assertThat(repo.engine.getBranch(NAME, MAIN).head()).isEqualTo(empty.id());
    }

    @Test
    void manyObjectsSpanSeveralRangesAndListInOrder() {
        TestRepository.CommitBuilder builder = repo.commit("main");
        for (int i = 0; i < 200; i++) {
            builder.put(String.format("dir%d/file-%03d", i % 3, i), "v" + i);
        }
        builder.create();

        assertThat(repo.paths("main", "")).hasSize(200).isSorted();
        assertThat(repo.paths("main", "dir1/")).hasSize(67).allMatch(p -> p.startsWith("dir1/"));
        assertThat(repo.read("main", "dir2/file-101")).isEqualTo("v101");
    }
}
