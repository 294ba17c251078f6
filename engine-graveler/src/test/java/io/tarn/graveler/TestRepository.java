package io.tarn.graveler;

import io.tarn.api.BranchName;
import io.tarn.api.Commit;
import io.tarn.api.CommitRequest;
import io.tarn.api.Entry;
import io.tarn.api.ListRequest;
import io.tarn.api.NotFoundException;
import io.tarn.api.ObjectContent;
import io.tarn.api.ObjectListing;
import io.tarn.api.ObjectWrite;
import io.tarn.api.RepositoryName;
import io.tarn.blockstore.local.LocalBlockStore;
import io.tarn.blockstore.local.LocalBlockStoreConfig;
import io.tarn.graveler.committed.RangeSplitPolicy;
import io.tarn.graveler.meta.LmdbMetadataStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real engine (LMDB, local disk blockstore, Parquet ranges) over a temporary directory, with one
 * repository and a small fluent vocabulary for building commit graphs in tests, after JGit's
 * {@code TestRepository}:
 *
 * <pre>
 * Commit c1 = repo.commit("main").put("a", "1").put("b", "2").create();
 * repo.branch("feature", "main");
 * Commit c2 = repo.commit("feature").delete("a").create();
 * assertThat(repo.contents("feature")).containsExactly(entry("b", "2"));
 * </pre>
 */
final class TestRepository implements AutoCloseable {
    static final RepositoryName NAME = new RepositoryName("test-repo");
    static final BranchName MAIN = new BranchName("main");

    final Path dir;
    final LmdbMetadataStore meta;
    final LocalBlockStore blocks;
    final Graveler engine;

    private TestRepository(Path dir, RangeSplitPolicy policy, boolean create) {
        this.dir = dir;
        this.meta = LmdbMetadataStore.open(dir.resolve("meta"));
        this.blocks = LocalBlockStore.open(new LocalBlockStoreConfig(dir.resolve("blocks")));
        this.engine = new Graveler(meta, location -> blocks, GravelerOptions.defaults(dir.resolve("cache")).withSplitPolicy(policy));
        if (create) {
            engine.createRepository(NAME, "local://test-repo", MAIN);
        }
    }

    /** A new repository {@value #NAME} with branch main, with small ranges so that tests span several. */
    static TestRepository create(Path dir) {
        return new TestRepository(dir, new RangeSplitPolicy(4, 1 << 20), true);
    }

    static TestRepository create(Path dir, RangeSplitPolicy policy) {
        return new TestRepository(dir, policy, true);
    }

    /** Opens the engine again over an existing directory (after {@link #close}). */
    static TestRepository reopen(Path dir) {
        return new TestRepository(dir, new RangeSplitPolicy(4, 1 << 20), false);
    }

    Entry put(String branch, String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return engine.writeObject(NAME, new BranchName(branch), path, new ByteArrayInputStream(bytes), bytes.length,
                ObjectWrite.of("text/plain"));
    }

    void delete(String branch, String path) {
        engine.deleteObject(NAME, new BranchName(branch), path);
    }

    Commit commit(String branch, String message) {
        return engine.commit(NAME, new BranchName(branch), CommitRequest.of(message, "tester"));
    }

    CommitBuilder commit(String branch) {
        return new CommitBuilder(branch);
    }

    void branch(String name, String from) {
        engine.createBranch(NAME, new BranchName(name), from);
    }

    /** The object's content at the ref, or {@code null} when there is none. */
    String read(String ref, String path) {
        try (ObjectContent content = engine.readObject(NAME, ref, path, 0, -1)) {
            return new String(content.stream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (NotFoundException e) {
            if (e.kind() == NotFoundException.Kind.OBJECT) {
                return null;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every path of the ref with its content, in key order, read page by page. */
    Map<String, String> contents(String ref) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : paths(ref, "")) {
            out.put(path, read(ref, path));
        }
        return out;
    }

    List<String> paths(String ref, String prefix) {
        List<String> out = new ArrayList<>();
        String after = "";
        while (true) {
            ObjectListing page = engine.listObjects(NAME, ref, new ListRequest(prefix, "", after, 3));
            page.objects().forEach(o -> out.add(o.path()));
            if (!page.hasMore()) {
                return out;
            }
            after = page.nextAfter();
        }
    }

    /** How many ranges the committed tree at {@code ref} has, so that tests can check they span several. */
    int rangeCount(String ref) {
        Commit commit = engine.getCommit(NAME, engine.resolve(NAME, ref));
        try (io.tarn.graveler.committed.RangeStore store = new io.tarn.graveler.committed.RangeStore(dir.resolve("range-count-cache"),
                1 << 20, 1 << 20)) {
            return store.metaRange(engine.repo(NAME).ns(), commit.metaRangeId()).ranges().size();
        }
    }

    @Override
    public void close() {
        engine.close();
        blocks.close();
        meta.close();
    }

    /** Stages several changes on a branch and commits them. */
    final class CommitBuilder {
        private final String branch;
        private final Map<String, String> puts = new TreeMap<>();
        private final List<String> deletes = new ArrayList<>();
        private String message = "test commit";

        CommitBuilder(String branch) {
            this.branch = branch;
        }

        CommitBuilder put(String path, String content) {
            puts.put(path, content);
            return this;
        }

        CommitBuilder delete(String path) {
            deletes.add(path);
            return this;
        }

        CommitBuilder message(String m) {
            message = m;
            return this;
        }

        Commit create() {
            puts.forEach((p, c) -> TestRepository.this.put(branch, p, c));
            deletes.forEach(p -> TestRepository.this.delete(branch, p));
            return TestRepository.this.commit(branch, message);
        }
    }

    /** Every metadata key, as text, that contains {@code fragment}: for checking what an operation leaves behind. */
    java.util.List<String> metaKeysContaining(String fragment) {
        try (java.util.stream.Stream<io.tarn.graveler.meta.KeyValue> all = meta.scan(new byte[0], null)) {
            return all.map(kv -> new String(kv.key(), java.nio.charset.StandardCharsets.UTF_8)).filter(k -> k.contains(fragment)).toList();
        }
    }
}
