package io.tarn.graveler;

import static io.tarn.graveler.TestRepository.MAIN;
import static io.tarn.graveler.TestRepository.NAME;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.CommitRequest;
import io.tarn.api.DiffEntry;
import io.tarn.api.DiffRequest;
import io.tarn.api.ListRequest;
import io.tarn.api.ObjectListing;
import io.tarn.api.Page;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit is atomic across a crash (DESIGN §5, §6): a child JVM ({@link Child}) stages objects and
 * commits them; the test kills it with SIGKILL at varied moments and opens the engine again over
 * the same directory. The branch head must be a commit whose tree reads whole, every staged object
 * must be either committed or still staged, and committing again must take in whatever the killed
 * commit left behind. The iterations share the directory, so each also starts from the state the
 * previous crash and recovery left.
 */
class CommitCrashTest {
    private static final int ITERATIONS = 5;
    /** Objects staged per iteration; with the test repository's ranges of about 4 records, ~150 range files per commit. */
    private static final int OBJECTS = 600;
    /** What lmdbjava needs on Java 17; the same as the build's {@code tarn.lmdb.jvmArgs}. */
    private static final List<String> LMDB_JVM_ARGS = List.of(
            "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
    private static final int KILLED_BY_SIGKILL = 128 + 9;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aCommitKilledAtAnyMomentLeavesTheOldHeadReadableAndTheStagedDataIntactAndCanBeRetried() throws Exception {
        Path dir = scratchDirectory();
        try {
            Map<String, String> expected = new TreeMap<>();
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                // The first commit takes about 300 ms: mostly kill within it or just after it, now and
                // then later, in the rewrite commits that follow it.
                long delayMillis = iteration % 3 == 2 ? ThreadLocalRandom.current().nextLong(300, 2_000)
                        : ThreadLocalRandom.current().nextLong(450);
                String childOutput = runAndKill(dir, iteration, delayMillis);
                expected.put(Child.warmUpPath(iteration), Child.WARM_UP_CONTENT);
                for (int i = 0; i < OBJECTS; i++) {
                    expected.put(Child.path(iteration, i), Child.content(iteration, i));
                }
                String context = "iteration " + iteration + ", killed " + delayMillis + " ms after STAGED; child said: " + childOutput;
                try (TestRepository repo = TestRepository.reopen(dir)) {
                    assertRecovered(repo, expected, iteration, context);
                }
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void assertRecovered(TestRepository repo, Map<String, String> expected, int iteration, String context) {
        CommitId head = repo.engine.getBranch(NAME, MAIN).head();
        Commit headCommit = repo.engine.getCommit(NAME, head);
        Map<String, String> headTree = readAll(repo, head.value());
        headTree.forEach((path, content) -> assertThat(content).as("%s in head %s (%s)", path, head.abbreviated(), context)
                .isEqualTo(expected.get(path)));
        for (String path : expected.keySet()) {
            if (!path.startsWith(Child.prefix(iteration)) && !path.equals(Child.warmUpPath(iteration))) {
                assertThat(headTree).as("head %s holds what earlier iterations committed (%s)", head.abbreviated(), context)
                        .containsKey(path);
            }
        }
        assertThat(headCommit.generation()).isGreaterThanOrEqualTo(2);
        long committedOfThisIteration = headTree.keySet().stream().filter(p -> p.startsWith(Child.prefix(iteration))).count();
        assertThat(committedOfThisIteration).as("objects of the killed commit in head %s: all or none (%s)", head.abbreviated(), context)
                .isIn(0L, (long) OBJECTS);

        Set<String> staged = uncommittedPaths(repo);
        assertThat(expected.keySet()).as("every object is committed or still staged (%s)", context)
                .allMatch(p -> headTree.containsKey(p) || staged.contains(p));
        assertThat(readAll(repo, "main")).as("the branch (%s)", context).isEqualTo(expected);

        Commit retried = repo.engine.commit(NAME, MAIN, new CommitRequest("retry after crash " + iteration, "tester", Map.of(), true));

        assertThat(retried.parents()).containsExactly(head);
        assertThat(readAll(repo, "main@")).as("committed after the retry (%s)", context).isEqualTo(expected);
        assertThat(repo.engine.diffUncommitted(NAME, MAIN, DiffRequest.twoDot(10)).items()).as("left staged (%s)", context).isEmpty();
    }

    private static Set<String> uncommittedPaths(TestRepository repo) {
        Set<String> out = new HashSet<>();
        String after = "";
        while (true) {
            Page<DiffEntry> page = repo.engine.diffUncommitted(NAME, MAIN, new DiffRequest(false, "", after, 10_000));
            page.items().forEach(d -> out.add(d.path()));
            if (!page.hasMore()) {
                return out;
            }
            after = page.nextAfter();
        }
    }

    /** Every object of the ref with its content, listed in big pages. */
    private static Map<String, String> readAll(TestRepository repo, String ref) {
        Map<String, String> out = new TreeMap<>();
        String after = "";
        while (true) {
            ObjectListing page = repo.engine.listObjects(NAME, ref, new ListRequest("", "", after, 10_000));
            page.objects().forEach(o -> out.put(o.path(), repo.read(ref, o.path())));
            if (!page.hasMore()) {
                return out;
            }
            after = page.nextAfter();
        }
    }

    /** Runs a child for the iteration and kills it {@code delayMillis} after it has staged; returns what it printed. */
    private String runAndKill(Path dir, int iteration, long delayMillis) throws Exception {
        Path errors = temp.resolve("child-" + iteration + "-stderr.txt");
        List<String> command = Stream.of(
                        Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                        LMDB_JVM_ARGS.stream(),
                        Stream.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                                Child.class.getName(), dir.toString(), Integer.toString(iteration), Integer.toString(OBJECTS)))
                .flatMap(s -> s)
                .toList();
        Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        child.getOutputStream().close();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(cannot read the child's output: " + e + ")");
            }
        }, "crash-test-child-output");
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!seen.contains(Child.STAGED)) {
                String line = lines.poll(10, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                } else if (!child.isAlive()) {
                    fail("The child of iteration " + iteration + " exited with " + child.exitValue() + " before staging; it printed "
                            + seen + "; its stderr: " + read(errors));
                } else if (System.nanoTime() > deadline) {
                    fail("The child of iteration " + iteration + " did not stage in 60 s; its stderr: " + read(errors));
                }
            }
            TimeUnit.MILLISECONDS.sleep(delayMillis);
            // SIGKILL through the handle, as LmdbCrashTest does: our end of the child's stdout stays open.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child died within 10 s").isTrue();
        } finally {
            child.toHandle().destroyForcibly();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        lines.drainTo(seen);
        assertThat(child.exitValue()).as(() -> "exit status of the child; its stderr: " + read(errors)).isEqualTo(KILLED_BY_SIGKILL);
        assertThat(seen).as("the child's output").doesNotContain(Child.FAILED);
        return String.join(", ", seen);
    }

    /**
     * A directory on tmpfs when the machine has one: a SIGKILL spares the page cache, so tmpfs keeps
     * exactly what a disk would here, and its free fsyncs let the child stage hundreds of objects fast.
     */
    private Path scratchDirectory() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Files.createTempDirectory(shm, "tarn-commit-crash-");
        }
        return Files.createDirectories(temp.resolve("engine"));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * The process the test kills. Arguments: the engine's directory, the iteration, how many objects
     * to stage. Opens the engine (creating the repository on iteration 0), commits a warm-up object
     * so that Parquet is loaded before the kill window, stages the objects of the iteration, prints
     * {@value #STAGED} and commits them; then, until killed, rewrites a few of them with the same
     * content and commits again (allowing empty commits), so that later kills land in every phase of
     * a commit. Stops on its own after a minute.
     */
    static final class Child {
        static final String STAGED = "STAGED";
        static final String FAILED = "FAILED";
        static final String WARM_UP_CONTENT = "warm-up";

        private Child() {
        }

        public static void main(String[] args) {
            Path dir = Path.of(args[0]);
            int iteration = Integer.parseInt(args[1]);
            int objects = Integer.parseInt(args[2]);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            PrintStream out = System.out;
            try (TestRepository repo = iteration == 0 ? TestRepository.create(dir) : TestRepository.reopen(dir)) {
                repo.put("main", warmUpPath(iteration), WARM_UP_CONTENT);
                repo.commit("main", "warm-up " + iteration);
                for (int i = 0; i < objects; i++) {
                    repo.put("main", path(iteration, i), content(iteration, i));
                }
                out.println(STAGED);
                out.flush();
                long started = System.nanoTime();
                repo.commit("main", "iteration " + iteration);
                out.println("COMMITTED in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
                out.flush();
                Random random = new Random(iteration);
                for (int round = 0; System.nanoTime() < deadline; round++) {
                    for (int j = 0; j < 20; j++) {
                        int i = random.nextInt(objects);
                        repo.put("main", path(iteration, i), content(iteration, i));
                    }
                    // The same content again is no change to the tree, hence allowEmpty; the commit still
                    // seals, applies and drops the staged rewrites.
                    repo.engine.commit(NAME, MAIN, new CommitRequest("rewrite " + round + " of iteration " + iteration, "child",
                            Map.of(), true));
                    out.println("REWROTE " + round);
                    out.flush();
                }
            } catch (RuntimeException e) {
                out.println(FAILED);
                out.flush();
                e.printStackTrace();
                System.exit(2);
            }
        }

        static String prefix(int iteration) {
            return "it" + iteration + "/";
        }

        static String path(int iteration, int i) {
            return String.format("%sobject-%05d", prefix(iteration), i);
        }

        static String content(int iteration, int i) {
            return "iteration " + iteration + ", object " + i;
        }

        static String warmUpPath(int iteration) {
            return "warm-up/" + iteration;
        }
    }
}
