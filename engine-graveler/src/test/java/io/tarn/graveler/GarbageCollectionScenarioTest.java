package io.tarn.graveler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.CommitRequest;
import io.tarn.api.Entry;
import io.tarn.api.GcRequest;
import io.tarn.api.GcResult;
import io.tarn.api.GcResult.GarbageFile;
import io.tarn.api.GcRules;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.ObjectWrite;
import io.tarn.api.RepositoryName;
import io.tarn.api.StorageFailureException;
import io.tarn.api.TagName;
import io.tarn.blockstore.local.LocalBlockStore;
import io.tarn.blockstore.local.LocalBlockStoreConfig;
import io.tarn.graveler.committed.RangeSplitPolicy;
import io.tarn.graveler.meta.LmdbMetadataStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage collection against a clock that runs days ahead of the files' real modification times,
 * so that "older than the grace period" holds for files written moments ago.
 */
class GarbageCollectionScenarioTest {
    private static final RepositoryName REPO = new RepositoryName("gc-repo");
    private static final BranchName MAIN = new BranchName("main");
    private static final Duration GRACE = Duration.ofHours(1);

    @TempDir
    Path dir;
    MutableClock clock;
    LmdbMetadataStore meta;
    LocalBlockStore blocks;
    Graveler engine;

    @BeforeEach
    void open() {
        clock = new MutableClock(Instant.now().plus(Duration.ofDays(10)));
        meta = LmdbMetadataStore.open(dir.resolve("meta"));
        blocks = LocalBlockStore.open(new LocalBlockStoreConfig(dir.resolve("blocks")));
        engine = new Graveler(meta, l -> blocks, GravelerOptions.defaults(dir.resolve("cache"))
                .withSplitPolicy(new RangeSplitPolicy(4, 1 << 20)).withClock(clock));
        engine.createRepository(REPO, "local://gc-repo", MAIN);
    }

    @AfterEach
    void close() {
        engine.close();
        blocks.close();
        meta.close();
    }

    @Test
    void aRepositoryStartsWithTheDefaultRulesAndKeepsRulesItIsGiven() {
        assertThat(engine.getGcRules(REPO)).isEqualTo(GcRules.DEFAULT);
        GcRules rules = new GcRules(3, Map.of(MAIN, 30));

        engine.setGcRules(REPO, rules);

        assertThat(engine.getGcRules(REPO)).isEqualTo(rules);
        assertThat(engine.getGcRules(REPO).retentionDays(new BranchName("other"))).isEqualTo(3);
    }

    @Test
    void negativeRetentionIsRefusedWithTheValue() {
        assertThatThrownBy(() -> new GcRules(-1, Map.of())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'-1'");
    }

    @Test
    void aDryRunListsOverwrittenObjectsOfExpiredCommitsWithTheirSizeAndDeletesNothing() {
        Entry old = put("a", "old content");
        commit("first");
        clock.advance(Duration.ofDays(5));
        put("a", "new");
        commit("second");
        engine.setGcRules(REPO, new GcRules(1, Map.of()));
        clock.advance(Duration.ofDays(5));

        GcResult result = engine.collectGarbage(REPO, new GcRequest(true, GRACE));

        assertThat(result.dryRun()).isTrue();
        assertThat(objects(result)).containsExactly("local://gc-repo/" + old.address());
        assertThat(result.totalBytes()).isEqualTo(result.files().stream().mapToLong(GarbageFile::size).sum())
                .isGreaterThanOrEqualTo(old.size());
        assertThat(blocks.stat(io.tarn.blockstore.spi.Location.of("local://gc-repo/" + old.address())).size()).isEqualTo(old.size());
    }

    @Test
    void collectionDeletesUnreferencedFilesAndTheHeadStaysReadable() {
        put("a", "old content");
        Commit first = commit("first");
        clock.advance(Duration.ofDays(5));
        put("a", "new");
        commit("second");
        engine.setGcRules(REPO, new GcRules(1, Map.of()));
        clock.advance(Duration.ofDays(5));

        GcResult result = engine.collectGarbage(REPO, new GcRequest(false, GRACE));

        assertThat(result.failures()).isEmpty();
        assertThat(result.files()).extracting(GarbageFile::kind).contains(GarbageFile.Kind.OBJECT, GarbageFile.Kind.METARANGE);
        assertThat(read("main", "a")).isEqualTo("new");
        assertThat(engine.collectGarbage(REPO, new GcRequest(true, GRACE)).files()).isEmpty();
        assertThatThrownBy(() -> read(first.id().value(), "a")).isInstanceOf(StorageFailureException.class);
    }

    @Test
    void historyWithinTheRetentionPeriodIsKept() {
        put("a", "v1");
        commit("first");
        clock.advance(Duration.ofDays(1));
        put("a", "v2");
        commit("second");
        engine.setGcRules(REPO, new GcRules(7, Map.of()));
        clock.advance(Duration.ofDays(1));

        assertThat(engine.collectGarbage(REPO, new GcRequest(true, GRACE)).files()).isEmpty();
    }

    @Test
    void stagedObjectsTaggedCommitsAndOtherBranchesKeepTheirData() {
        Entry tagged = put("t", "tagged");
        Commit c = commit("tagged");
        engine.createTag(REPO, new TagName("v1"), c.id().value());
        engine.createBranch(REPO, new BranchName("keep"), "main");
        Entry onBranch = put("keep", "k", "branch data");
        engine.commit(REPO, new BranchName("keep"), CommitRequest.of("branch", "t"));
        put("t", "replaced");
        delete("k");
        commit("replace");
        Entry staged = put("s", "staged only");
        engine.setGcRules(REPO, new GcRules(0, Map.of()));
        clock.advance(Duration.ofDays(3));

        GcResult result = engine.collectGarbage(REPO, new GcRequest(false, GRACE));

        assertThat(objects(result)).doesNotContain("local://gc-repo/" + tagged.address(), "local://gc-repo/" + onBranch.address(),
                "local://gc-repo/" + staged.address());
        assertThat(read("v1", "t")).isEqualTo("tagged");
        assertThat(read("keep", "k")).isEqualTo("branch data");
        assertThat(read("main", "s")).isEqualTo("staged only");
    }

    @Test
    void filesYoungerThanTheGracePeriodAreNeverListed() {
        put("a", "old");
        commit("first");
        put("a", "new");
        commit("second");
        engine.setGcRules(REPO, new GcRules(0, Map.of()));

        assertThat(engine.collectGarbage(REPO, new GcRequest(true, Duration.ofDays(30))).files()).isEmpty();
    }

    private static java.util.List<String> objects(GcResult result) {
        return result.files().stream().filter(f -> f.kind() == GarbageFile.Kind.OBJECT).map(GarbageFile::location).toList();
    }

    private Entry put(String path, String content) {
        return put("main", path, content);
    }

    private Entry put(String branch, String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return engine.writeObject(REPO, new BranchName(branch), path, new ByteArrayInputStream(bytes), bytes.length, ObjectWrite.of("text/plain"));
    }

    private void delete(String path) {
        engine.deleteObject(REPO, MAIN, path);
    }

    private Commit commit(String message) {
        return engine.commit(REPO, MAIN, CommitRequest.of(message, "tester"));
    }

    private String read(String ref, String path) {
        try (var content = engine.readObject(REPO, ref, path, 0, -1)) {
            return new String(content.stream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
