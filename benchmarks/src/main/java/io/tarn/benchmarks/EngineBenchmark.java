package io.tarn.benchmarks;

import io.tarn.api.BranchName;
import io.tarn.api.CommitRequest;
import io.tarn.api.DiffRequest;
import io.tarn.api.Entry;
import io.tarn.api.ListRequest;
import io.tarn.api.MergeRequest;
import io.tarn.api.ObjectListing;
import io.tarn.api.RepositoryName;
import io.tarn.blockstore.local.LocalBlockStore;
import io.tarn.blockstore.local.LocalBlockStoreConfig;
import io.tarn.graveler.Graveler;
import io.tarn.graveler.GravelerOptions;
import io.tarn.graveler.meta.LmdbMetadataStore;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The engine's figures from issue 3, each printed as {@code BENCH <name> <value> <unit>}: commit
 * latency at 1,000,000 objects, bulk commit, branch creation, diff and merge of small changes
 * between large commits, point reads, listing, and the peak heap. A plain harness (warm-up, then
 * medians), on a real LMDB and local disk store under the given directory, with default cache
 * sizes. Run with {@code benchmarks/run engine}.
 */
public final class EngineBenchmark {
    private static final RepositoryName REPO = new RepositoryName("bench");
    private static final BranchName MAIN = new BranchName("main");
    private static final String COMMITTER = "benchmark";

    private final Path dir;
    private final int objects;
    private final PrintStream out;
    private final Random random = new Random(42);
    private LmdbMetadataStore meta;
    private LocalBlockStore blocks;
    private Graveler engine;

    EngineBenchmark(Path dir, int objects, PrintStream out) {
        this.dir = dir;
        this.objects = objects;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(System.getProperty("bench.dir", "benchmarks/target/engine-bench"));
        int objects = Integer.getInteger("bench.objects", 1_000_000);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        new EngineBenchmark(dir, objects, System.out).run();
    }

    void run() {
        LiveHeap liveHeap = new LiveHeap();
        meta = LmdbMetadataStore.open(dir.resolve("meta"));
        blocks = LocalBlockStore.open(new LocalBlockStoreConfig(dir.resolve("blocks")));
        engine = new Graveler(meta, l -> blocks, GravelerOptions.defaults(dir.resolve("cache")));
        try {
            engine.createRepository(REPO, "local://bench", MAIN);
            int batch = Math.min(100_000, objects);
            log("staging and committing " + objects + " objects in batches of " + batch);
            long stageNanos = 0;
            long staged = 0;
            List<Double> bulkCommits = new ArrayList<>();
            for (int from = 0; from < objects; from += batch) {
                long t0 = System.nanoTime();
                int n = Math.min(batch, objects - from);
                Map<String, Entry> entries = new java.util.HashMap<>();
                for (int i = from; i < from + n; i++) {
                    entries.put(key(i), entry(i, 0));
                }
                engine.stageObjects(REPO, MAIN, entries);
                stageNanos += System.nanoTime() - t0;
                staged += n;
                long t1 = System.nanoTime();
                engine.commit(REPO, MAIN, CommitRequest.of("bulk " + from, COMMITTER));
                bulkCommits.add(ms(System.nanoTime() - t1));
                log("  " + (from + n) + " objects committed, last commit " + String.format("%.0f", bulkCommits.get(bulkCommits.size() - 1)) + " ms");
            }
            bench("bulk_stage", staged / (stageNanos / 1e9), "objects/s");
            bench("commit_" + label(batch) + "_staged_objects", median(bulkCommits.subList(Math.min(1, bulkCommits.size() - 1), bulkCommits.size())), "ms");

            bench("stage_object", 1000 / (double) repeat(1, x -> {
                long t = System.nanoTime();
                for (int i = 0; i < 1000; i++) {
                    engine.stageObject(REPO, MAIN, key(random.nextInt(objects)), entry(i, 1));
                }
                return (System.nanoTime() - t) / 1e9;
            }).get(0), "ops/s");
            engine.commit(REPO, MAIN, CommitRequest.of("single writes", COMMITTER));

            bench("commit_1_change_in_" + label(objects) + "_objects", median(repeat(21, i -> {
                engine.stageObject(REPO, MAIN, key(random.nextInt(objects)), entry(i, 1 + i));
                long t = System.nanoTime();
                engine.commit(REPO, MAIN, CommitRequest.of("one change " + i, COMMITTER));
                return ms(System.nanoTime() - t);
            })), "ms");

            bench("create_branch", median(repeat(50, i -> {
                long t = System.nanoTime();
                engine.createBranch(REPO, new BranchName("b" + i), "main");
                return ms(System.nanoTime() - t);
            })), "ms");

            bench("diff_10_changes_" + label(objects) + "_objects", median(repeat(11, i -> {
                BranchName branch = new BranchName("diff" + i);
                engine.createBranch(REPO, branch, "main");
                for (int k = 0; k < 10; k++) {
                    engine.stageObject(REPO, branch, key(random.nextInt(objects)), entry(k, 100 + i));
                }
                engine.commit(REPO, branch, CommitRequest.of("ten changes", COMMITTER));
                long t = System.nanoTime();
                int n = engine.diff(REPO, "main", branch.value(), DiffRequest.twoDot(100)).items().size();
                double elapsed = ms(System.nanoTime() - t);
                check(n == 10, "diff found " + n + " changes, expected 10");
                return elapsed;
            })), "ms");

            bench("merge_10_changes_" + label(objects) + "_objects", median(repeat(11, i -> {
                BranchName branch = new BranchName("merge" + i);
                engine.createBranch(REPO, branch, "main");
                for (int k = 0; k < 10; k++) {
                    engine.stageObject(REPO, branch, "merge/" + i + "/" + key(random.nextInt(objects)), entry(k, 200 + i));
                }
                engine.commit(REPO, branch, CommitRequest.of("ten changes", COMMITTER));
                engine.stageObject(REPO, MAIN, "main-side/" + i, entry(i, 300 + i));
                engine.commit(REPO, MAIN, CommitRequest.of("diverge", COMMITTER));
                long t = System.nanoTime();
                engine.merge(REPO, branch.value(), MAIN, MergeRequest.by(COMMITTER));
                return ms(System.nanoTime() - t);
            })), "ms");

            int reads = 500_000;
            for (int warm = 0; warm < 2; warm++) {
                pointReads(reads / 5);
            }
            bench("committed_point_reads", pointReads(reads), "ops/s");
            int cores = Runtime.getRuntime().availableProcessors();
            pointReadsInParallel(cores, reads / 5);
            bench("committed_point_reads_" + cores + "_threads", pointReadsInParallel(cores, reads), "ops/s");

            listAll();
            bench("list_keys", listAll(), "keys/s");
            bench("heap_live_max", liveHeap.maxMiB(), "MiB");
            bench("heap_limit", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0), "MiB");
            log(engine.cacheStats());
        } finally {
            engine.close();
            blocks.close();
            meta.close();
        }
    }

    private double pointReads(int n) {
        String[] keys = randomKeys(Math.min(n, 100_000));
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            engine.statObject(REPO, "main@", keys[i % keys.length]);
        }
        return n / ((System.nanoTime() - t) / 1e9);
    }

    /** Keys drawn before the clock starts: building them is not the engine's work. */
    private String[] randomKeys(int n) {
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(random.nextInt(objects));
        }
        return keys;
    }

    /** Reads from one thread per core, as a server's request threads do. */
    private double pointReadsInParallel(int threads, int perThread) {
        String[] keys = randomKeys(100_000);
        List<Thread> readers = new ArrayList<>();
        long t = System.nanoTime();
        for (int r = 0; r < threads; r++) {
            int offset = r * 7919;
            Thread reader = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    engine.statObject(REPO, "main@", keys[(offset + i) % keys.length]);
                }
            }, "reader-" + r);
            readers.add(reader);
            reader.start();
        }
        for (Thread reader : readers) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the readers", e);
            }
        }
        return (double) threads * perThread / ((System.nanoTime() - t) / 1e9);
    }

    private double listAll() {
        long t = System.nanoTime();
        long count = 0;
        String after = "";
        while (true) {
            ObjectListing page = engine.listObjects(REPO, "main@", new ListRequest("data/", "", after, ListRequest.MAX_AMOUNT));
            count += page.objects().size();
            if (!page.hasMore()) {
                break;
            }
            after = page.nextAfter();
        }
        check(count == objects, "listed " + count + " keys under data/, expected " + objects);
        return count / ((System.nanoTime() - t) / 1e9);
    }

    private static String key(int i) {
        // Batches of 100,000 land in a partition of their own, as new data usually does.
        // Built by hand: String.format would cost more than the point read being measured.
        StringBuilder b = new StringBuilder(40).append("data/batch=");
        pad(b, i / 100_000, 2);
        b.append("/part-");
        pad(b, i, 7);
        return b.append(".parquet").toString();
    }

    private static void pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int k = digits.length(); k < width; k++) {
            b.append('0');
        }
        b.append(digits);
    }

    private static Entry entry(int i, int version) {
        return new Entry(String.format("data/01JBENCH%018d", (long) i * 31 + version), 1000L + i, String.format("%032x", (long) i * 7919 + version),
                Map.of(), "application/octet-stream", Map.of(), Map.of(), Instant.ofEpochMilli(1_700_000_000_000L + i));
    }

    private static List<Double> repeat(int times, IntFunction<Double> run) {
        List<Double> results = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            results.add(run.apply(i));
        }
        return results;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double ms(long nanos) {
        return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }

    private static String label(int n) {
        return n % 1_000_000 == 0 ? n / 1_000_000 + "m" : n % 1000 == 0 ? n / 1000 + "k" : Integer.toString(n);
    }

    /**
     * Records the heap in use right after each garbage collection: what the engine really keeps,
     * as opposed to garbage not yet collected. The run's -Xmx512m is the hard limit it must stay
     * under; this is how close it comes.
     */
    private static final class LiveHeap {
        private final AtomicLong max = new AtomicLong();

        LiveHeap() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                        max.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }

        double maxMiB() {
            return max.get() / (1024.0 * 1024.0);
        }
    }

    private void bench(String name, double value, String unit) {
        out.printf("BENCH %s %s %s%n", name, value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value), unit);
        out.flush();
    }

    private static void log(String message) {
        System.err.println("[engine-bench] " + message);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("Benchmark result is wrong: " + message);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
