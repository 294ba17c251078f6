package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.api.Commit;
import io.tarn.api.CommitRequest;
import io.tarn.api.DiffEntry;
import io.tarn.api.DiffRequest;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.ListRequest;
import io.tarn.api.LogRequest;
import io.tarn.api.ObjectListing;
import io.tarn.api.Page;
import io.tarn.graveler.committed.RangeSplitPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes racing commits (DESIGN §1, §6): every acknowledged write lands in exactly one commit, and
 * nothing is lost, however the writes and the commits interleave.
 */
class ConcurrentCommitTest {
    private static final int WRITERS = 16;
    private static final int WRITES_PER_WRITER = 200;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcknowledgedWriteLandsInExactlyOneCommitWhileAnotherThreadCommitsInALoop() throws Exception {
        try (TestRepository repo = TestRepository.create(dir, new RangeSplitPolicy(16, 1 << 20))) {
            Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger commitsWhileWriting = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);

            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(thread("writer-" + w, failures, () -> {
                    start.await();
                    for (int i = 0; i < WRITES_PER_WRITER; i++) {
                        String path = path(writer, i);
                        repo.put("main", path, content(path));
                        acknowledged.add(path); // the write returned: it is acknowledged
                    }
                }));
            }
            Thread committer = thread("committer", failures, () -> {
                start.await();
                while (writing.get()) {
                    if (commitIfAnythingStaged(repo)) {
                        commitsWhileWriting.incrementAndGet();
                    }
                }
            });
            start.countDown();
            for (Thread t : writers) {
                t.join();
            }
            writing.set(false);
            committer.join();
            commitIfAnythingStaged(repo);

            assertThat(failures).isEmpty();
            assertThat(acknowledged).hasSize(WRITERS * WRITES_PER_WRITER);
            assertThat(commitsWhileWriting.get()).as("commits that raced the writers").isGreaterThan(1);

            Map<String, Integer> addedIn = countAdditionsAlongFirstParents(repo);
            Map<String, Integer> notExactlyOnce = new TreeMap<>();
            for (String path : acknowledged) {
                int times = addedIn.getOrDefault(path, 0);
                if (times != 1) {
                    notExactlyOnce.put(path, times);
                }
            }
            assertThat(notExactlyOnce).as("acknowledged paths added in other than exactly one commit (path → commits)").isEmpty();
            assertThat(addedIn.keySet()).as("paths added by the commits").isEqualTo(new TreeSet<>(acknowledged));

            TreeSet<String> committed = committedPaths(repo);
            assertThat(committed).isEqualTo(new TreeSet<>(acknowledged));
            List<String> wrong = new ArrayList<>();
            for (String path : committed) {
                if (!content(path).equals(repo.read("main@", path))) {
                    wrong.add(path);
                }
            }
            assertThat(wrong).as("paths whose committed content is not what was written").isEmpty();
            assertThat(repo.engine.diffUncommitted(NAME, MAIN, DiffRequest.twoDot(10)).items()).isEmpty();
        }
    }

    /** Commits what is staged; false when there was nothing (the engine refuses empty commits). */
    private static boolean commitIfAnythingStaged(TestRepository repo) {
        try {
            repo.engine.commit(NAME, MAIN, CommitRequest.of("loop", "committer"));
            return true;
        } catch (InvalidArgumentException e) {
            if (e.getMessage().contains("no uncommitted changes")) {
                return false;
            }
            throw e;
        }
    }

    /** For each path, in how many commits of main's first-parent line it was ADDED (any other change type fails). */
    private static Map<String, Integer> countAdditionsAlongFirstParents(TestRepository repo) {
        Map<String, Integer> added = new HashMap<>();
        List<Commit> line = new ArrayList<>();
        String after = "";
        while (true) {
            Page<Commit> page = repo.engine.log(NAME, "main", new LogRequest(true, List.of(), after, 1000));
            line.addAll(page.items());
            if (!page.hasMore()) {
                break;
            }
            after = page.nextAfter();
        }
        for (Commit c : line) {
            if (c.parents().isEmpty()) {
                continue;
            }
            String parent = c.parents().get(0).value();
            String from = "";
            while (true) {
                Page<DiffEntry> diff = repo.engine.diff(NAME, parent, c.id().value(), new DiffRequest(false, "", from, 10_000));
                for (DiffEntry d : diff.items()) {
                    assertThat(d.type()).as("how commit %s changed %s", c.id().abbreviated(), d.path()).isEqualTo(DiffEntry.Type.ADDED);
                    added.merge(d.path(), 1, Integer::sum);
                }
                if (!diff.hasMore()) {
                    break;
                }
                from = diff.nextAfter();
            }
        }
        return added;
    }

    /** Every committed path of main. */
    private static TreeSet<String> committedPaths(TestRepository repo) {
        TreeSet<String> out = new TreeSet<>();
        String after = "";
        while (true) {
            ObjectListing page = repo.engine.listObjects(NAME, "main@", new ListRequest("", "", after, 10_000));
            page.objects().forEach(o -> out.add(o.path()));
            if (!page.hasMore()) {
                return out;
            }
            after = page.nextAfter();
        }
    }

    private static String path(int writer, int i) {
        return String.format("w%02d/%04d", writer, i);
    }

    private static String content(String path) {
        return "written to " + path;
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread thread(String name, Queue<Throwable> failures, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        t.start();
        return t;
    }
}
