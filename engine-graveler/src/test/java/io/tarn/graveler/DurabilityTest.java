package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.tarn.api.Branch;
import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.DiffEntry;
import io.tarn.api.DiffRequest;
import io.tarn.api.Entry;
import io.tarn.api.LogRequest;
import io.tarn.api.ObjectContent;
import io.tarn.api.ObjectWrite;
import io.tarn.api.Repository;
import io.tarn.api.RepositoryName;
import io.tarn.api.Tag;
import io.tarn.api.TagName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the engine and opening it again over the same directory keeps everything (DESIGN §6):
 * repositories, refs, commits, staged changes and object bytes.
 */
class DurabilityTest {
    @TempDir
    Path dir;
    TestRepository repo;

    @AfterEach
    void close() {
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void repositoriesSurviveAReopen() {
        repo = TestRepository.create(dir);
        Repository first = repo.engine.getRepository(NAME);
        RepositoryName otherName = new RepositoryName("other-repo");
        Repository other = repo.engine.createRepository(otherName, "local://other-repo", new BranchName("trunk"));

        reopen();

        assertThat(repo.engine.getRepository(NAME)).isEqualTo(first);
        assertThat(repo.engine.getRepository(otherName)).isEqualTo(other);
        assertThat(repo.engine.listRepositories("", 10).items()).containsExactly(other, first);
        assertThat(repo.engine.getBranch(otherName, new BranchName("trunk")).head()).isNotNull();
    }

    @Test
    void branchesAndTagsSurviveAReopen() {
        repo = TestRepository.create(dir);
        repo.commit("main").put("a", "1").create();
        repo.branch("feature", "main");
        Commit featureHead = repo.commit("feature").put("b", "2").create();
        Tag tag = repo.engine.createTag(NAME, new TagName("v1.0"), "main");
        Branch main = repo.engine.getBranch(NAME, MAIN);

        reopen();

        assertThat(repo.engine.listBranches(NAME, "", 10).items())
                .containsExactly(new Branch(new BranchName("feature"), featureHead.id()), main);
        assertThat(repo.engine.getTag(NAME, new TagName("v1.0"))).isEqualTo(tag);
        assertThat(repo.contents("v1.0")).containsExactly(entry("a", "1"));
    }

    @Test
    void commitsAndTheirTreesSurviveAReopen() {
        repo = TestRepository.create(dir);
        TestRepository.CommitBuilder many = repo.commit("main").message("many");
        for (int i = 0; i < 40; i++) {
            many.put(String.format("dir/%02d", i), "v" + i);
        }
        Commit first = many.create();
        Commit second = repo.commit("main").put("dir/07", "seven").delete("dir/13").message("edit").create();
        List<Commit> log = repo.engine.log(NAME, "main", LogRequest.latest(10)).items();

        reopen();

        assertThat(repo.engine.log(NAME, "main", LogRequest.latest(10)).items()).isEqualTo(log);
        assertThat(repo.engine.getCommit(NAME, second.id())).isEqualTo(second);
        assertThat(repo.contents(first.id().value())).hasSize(40).containsEntry("dir/07", "v7").containsEntry("dir/13", "v13");
        assertThat(repo.contents("main@")).hasSize(39).containsEntry("dir/07", "seven").doesNotContainKey("dir/13");
        assertThat(repo.engine.diff(NAME, first.id().value(), second.id().value(), DiffRequest.twoDot(10)).items())
                .extracting(DiffEntry::path, DiffEntry::type)
                .containsExactly(tuple("dir/07", DiffEntry.Type.CHANGED),
                        tuple("dir/13", DiffEntry.Type.REMOVED));
    }

    @Test
    void stagedChangesSurviveAReopenAndCanBeCommittedAfterwards() {
        repo = TestRepository.create(dir);
        repo.commit("main").put("committed", "1").put("to-delete", "1").create();
        repo.put("main", "staged", "2");
        repo.put("main", "committed", "changed");
        repo.delete("main", "to-delete");

        reopen();

        assertThat(repo.contents("main")).containsExactly(entry("committed", "changed"), entry("staged", "2"));
        assertThat(repo.contents("main@")).containsExactly(entry("committed", "1"), entry("to-delete", "1"));
        assertThat(repo.engine.diffUncommitted(NAME, MAIN, DiffRequest.twoDot(10)).items())
                .extracting(DiffEntry::path).containsExactly("committed", "staged", "to-delete");

        repo.commit("main", "after reopen");

        assertThat(repo.contents("main@")).containsExactly(entry("committed", "changed"), entry("staged", "2"));
    }

    @Test
    void objectBytesAndDescriptionsSurviveAReopen() throws IOException {
        repo = TestRepository.create(dir);
        byte[] bytes = new byte[300_000];
        new Random(42).nextBytes(bytes);
        Entry written = repo.engine.writeObject(NAME, MAIN, "blob.bin", new ByteArrayInputStream(bytes), bytes.length,
                new ObjectWrite("application/octet-stream", Map.of("owner", "me"), Map.of("k", "v"), Set.of("CRC32C")));
        repo.commit("main", "blob");
        repo.put("main", "staged.txt", "staged bytes");

        reopen();

        try (ObjectContent content = repo.engine.readObject(NAME, "main@", "blob.bin", 0, -1)) {
            assertThat(content.entry()).isEqualTo(written);
            assertThat(content.stream().readAllBytes()).isEqualTo(bytes);
        }
        try (ObjectContent range = repo.engine.readObject(NAME, "main", "blob.bin", 1000, 10)) {
            assertThat(range.stream().readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 1010));
        }
        assertThat(repo.read("main", "staged.txt")).isEqualTo("staged bytes");
    }

    private void reopen() {
        repo.close();
        repo = null;
        repo = TestRepository.reopen(dir);
    }
}
