package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.Commit;
import io.tarn.api.CommitRequest;
import io.tarn.api.DirtyBranchException;
import io.tarn.api.ImportProgress;
import io.tarn.api.ImportRequest;
import io.tarn.api.ImportSource;
import io.tarn.api.InvalidArgumentException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Zero-copy import of objects that already exist elsewhere on a blockstore (here: local disk outside the repository). */
@ExtendWith(TestRepositoryExtension.class)
class ImportScenarioTest {
    TestRepository repo;

    private void external(String key, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        repo.blocks.put(Location.of("local://bucket/" + key), new ByteArrayInputStream(bytes), bytes.length, PutOptions.DEFAULT);
    }

    private String read(String ref, String path) {
        return repo.read(ref, path);
    }

    private List<String> paths(String ref) {
        return repo.paths(ref, "");
    }

    @Test
    void aPrefixBecomesOneCommitWhoseObjectsAreReadWhereTheyAre() {
        external("logs/2026/a.log", "alpha");
        external("logs/2026/b.log", "beta");
        external("other/c.log", "not imported");
        List<Long> reported = new ArrayList<>();

        Commit commit = repo.engine.importObjects(NAME, MAIN, ImportRequest.prefix("local://bucket/logs/", "imported/", "import logs", "ana"),
                new ImportProgress() {
                    @Override
                    public void ingested(long count) {
                        reported.add(count);
                    }
                });

        assertThat(commit.message()).isEqualTo("import logs");
        assertThat(repo.engine.resolve(NAME, "main")).isEqualTo(commit.id());
        assertThat(paths("main@")).containsExactly("imported/2026/a.log", "imported/2026/b.log");
        assertThat(read("main@", "imported/2026/b.log")).isEqualTo("beta");
        assertThat(repo.engine.statObject(NAME, "main", "imported/2026/a.log").address()).isEqualTo("local://bucket/logs/2026/a.log");
        assertThat(reported).last().isEqualTo(2L);
        assertThat(repo.engine.listBranches(NAME, "", 100).items()).extracting(b -> b.name().value()).containsExactly("main");
    }

    @Test
    void singleObjectsLandAtTheirDestinationAndOtherPathsStay() {
        repo.commit("main").put("kept", "k").create();
        external("data/x.csv", "x");
        repo.engine.importObjects(NAME, MAIN, new ImportRequest(List.of(new ImportSource("local://bucket/data/x.csv", "tables/x.csv", false)),
                new CommitRequest("one object", "ana", Map.of("source", "test"), false)), ImportProgress.NONE);

        assertThat(paths("main")).containsExactly("kept", "tables/x.csv");
        assertThat(repo.engine.getCommit(NAME, repo.engine.resolve(NAME, "main")).metadata()).containsEntry("source", "test");
    }

    @Test
    void aBranchWithUncommittedChangesIsRefusedBeforeAnythingIsRead() {
        repo.put("main", "dirty", "d");
        external("d/y", "y");
        assertThatThrownBy(() -> repo.engine.importObjects(NAME, MAIN, ImportRequest.prefix("local://bucket/d/", "", "import", "ana"),
                ImportProgress.NONE)).isInstanceOf(DirtyBranchException.class);
    }

    @Test
    void nothingToImportAndUnknownSchemesAreRefusedNamingTheLocationAndNothingChanges() {
        io.tarn.api.CommitId before = repo.engine.resolve(NAME, "main");
        assertThatThrownBy(() -> repo.engine.importObjects(NAME, MAIN, ImportRequest.prefix("local://bucket/empty/", "", "import", "ana"),
                ImportProgress.NONE)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("local://bucket/empty/");
        assertThatThrownBy(() -> repo.engine.importObjects(NAME, MAIN, new ImportRequest(List.of(new ImportSource("local://bucket/none", "n", false)),
                CommitRequest.of("x", "ana")), ImportProgress.NONE)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no such object");
        assertThat(repo.engine.resolve(NAME, "main")).isEqualTo(before);
        assertThat(repo.engine.listBranches(NAME, "", 100).items()).hasSize(1);
    }

    @Test
    void aCancelledImportCommitsNothing() {
        for (int i = 0; i < 3; i++) {
            external("many/" + i, "v" + i);
        }
        assertThatThrownBy(() -> repo.engine.importObjects(NAME, MAIN, ImportRequest.prefix("local://bucket/many/", "", "import", "ana"),
                new ImportProgress() {
                    @Override
                    public boolean cancelled() {
                        return true;
                    }
                })).isInstanceOf(CancellationException.class);
        assertThat(paths("main")).isEmpty();
        assertThat(repo.engine.listBranches(NAME, "", 100).items()).hasSize(1);
    }
}
