package io.tarn.benchmarks;

import io.tarn.benchmarks.ServerLauncher.ServerUnderTest;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The S3 gateway's figures from issue 4, each printed as {@code BENCH <name> <value> <unit>}:
 * large PUT and GET throughput against a bare Jetty handler on the same machine and their ratio;
 * small-object PUT/s and GET/s from many concurrent clients; and the server's peak resident memory
 * under many concurrent large uploads.
 *
 * <p>Every server runs as a process of its own: Tarn from its packaged jar exactly as the README
 * starts it ({@code java -jar tarn.jar run}, no JVM options unless {@code bench.serverJvmArgs} says
 * otherwise), the baseline ({@link BaselineServer}) from this jar with the same options. This JVM
 * only generates load ({@link SignedS3Client}), so its memory is not the server's and each process's
 * CPU time can be told apart (both are logged). On a small machine the load generator takes CPU from
 * the server: the figures are a floor, not what a dedicated server does. Settings: {@link GatewaySettings}.
 * Run with {@code benchmarks/run gateway}.
 */
public final class GatewayBenchmark {
    private static final String BUCKET = ServerLauncher.BUCKET;
    private static final long MIB = 1 << 20;

    private final GatewaySettings settings;
    private final PrintStream out;
    private final ServerLauncher launcher;
    private boolean cleanedUp;

    GatewayBenchmark(GatewaySettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.launcher = new ServerLauncher(settings);
    }

    public static void main(String[] args) throws Exception {
        GatewaySettings settings = GatewaySettings.fromSystemProperties();
        ServerLauncher.deleteRecursively(settings.dir());
        Files.createDirectories(settings.dir());
        GatewayBenchmark benchmark = new GatewayBenchmark(settings, System.out);
        // Ctrl-C must not leave servers running or gigabytes on disk.
        Thread cleanUp = new Thread(benchmark::cleanUp, "gateway-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            benchmark.run();
        } finally {
            benchmark.cleanUp();
        }
    }

    void run() throws Exception {
        log("settings: " + settings);
        log("servers: tarn " + settings.tarnJar() + ", JVM options " + (settings.serverJvmArgs().isEmpty() ? "none (the README's defaults)"
                : settings.serverJvmArgs()) + "; load generator: a minimal blocking HTTP/1.1 client, SigV4 UNSIGNED-PAYLOAD, "
                + Runtime.getRuntime().availableProcessors() + " cores shared with the servers");
        bench("gateway_server_max_heap", launcher.serverMaxHeapBytes() / (double) MIB, "MiB");
        if (settings.runs("transfer")) {
            transfers();
        }
        if (settings.runs("small")) {
            smallObjects();
        }
        if (settings.runs("memory")) {
            memory();
        }
    }

    /** Large PUT then GET, alternating between the baseline and Tarn so that a noisy neighbour hurts both alike. */
    private void transfers() throws Exception {
        long size = settings.bigSize();
        String label = GatewaySettings.label(size);
        ServerUnderTest jetty = started(launcher.baseline("jetty-transfer"));
        ServerUnderTest tarn = started(launcher.tarn("tarn-transfer"));
        try {
            long warmUp = Math.min(size, 64 * MIB);
            for (ServerUnderTest t : List.of(jetty, tarn)) {
                log("warming up " + t.name() + " with " + GatewaySettings.label(warmUp));
                put(t, "main/warm-up.bin", warmUp);
                get(t, "main/warm-up.bin", warmUp);
            }
            List<Double> jettyPuts = new ArrayList<>();
            List<Double> tarnPuts = new ArrayList<>();
            List<Double> jettyGets = new ArrayList<>();
            List<Double> tarnGets = new ArrayList<>();
            for (int i = 0; i < settings.repeats(); i++) {
                String key = "main/big-" + i + ".bin";
                // Each goes first in turn: neither always meets the machine in the same state.
                List<ServerUnderTest> order = i % 2 == 1 ? List.of(tarn, jetty) : List.of(jetty, tarn);
                for (ServerUnderTest t : order) {
                    freeWarmMemory(size);
                    (t == tarn ? tarnPuts : jettyPuts).add(put(t, key, size));
                }
                for (ServerUnderTest t : order) {
                    (t == tarn ? tarnGets : jettyGets).add(get(t, key, size));
                }
            }
            bench("gateway_put_" + label, median(tarnPuts), "MiB/s");
            bench("jetty_put_" + label, median(jettyPuts), "MiB/s");
            bench("gateway_put_" + label + "_vs_jetty", median(tarnPuts) / median(jettyPuts), "ratio");
            // The fastest runs too, each server's best case on this machine.
            bench("gateway_put_" + label + "_fastest", Collections.max(tarnPuts), "MiB/s");
            bench("jetty_put_" + label + "_fastest", Collections.max(jettyPuts), "MiB/s");
            bench("gateway_put_" + label + "_fastest_vs_jetty_fastest", Collections.max(tarnPuts) / Collections.max(jettyPuts), "ratio");
            bench("gateway_get_" + label, median(tarnGets), "MiB/s");
            bench("jetty_get_" + label, median(jettyGets), "MiB/s");
            bench("gateway_get_" + label + "_vs_jetty", median(tarnGets) / median(jettyGets), "ratio");
        } finally {
            launcher.stop(jetty);
            launcher.stop(tarn);
        }
    }

    /**
     * Writes, syncs and deletes a scratch file a little larger than the next upload, just before it,
     * so that the page cache the upload fills comes from memory the kernel has just freed. On a
     * virtual machine whose host takes back free guest memory (free page reporting), memory free for
     * a few seconds costs the kernel about 3 s per GiB to touch again: whichever server met such
     * memory ran at a third of its speed, and which one did was chance, not the server. Measured
     * with dd on the benchmark machine: 1 GiB written after a 5 s pause took 1.0 to 1.8 s of kernel
     * time, right after deleting another 1 GiB file 0.24 to 0.54 s.
     */
    private void freeWarmMemory(long size) throws IOException {
        Path scratch = settings.dir().resolve("scratch.bin");
        ByteBuffer block = ByteBuffer.allocateDirect((int) MIB);
        try (FileChannel channel = FileChannel.open(scratch,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (long written = 0; written < size + 64 * MIB; written += MIB) {
                block.clear();
                while (block.hasRemaining()) {
                    channel.write(block);
                }
            }
            channel.force(false);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private double put(ServerUnderTest target, String key, long size) throws Exception {
        return timed(target, "PUT " + GatewaySettings.label(size), size, () -> {
            target.client().put(BUCKET, key, new GeneratedBody(size));
            return size;
        });
    }

    private double get(ServerUnderTest target, String key, long size) throws Exception {
        return timed(target, "GET " + GatewaySettings.label(size), size, () -> target.client().get(BUCKET, key));
    }

    @FunctionalInterface
    private interface Transfer {
        long bytes() throws Exception;
    }

    /** Runs one transfer, checks its length and returns its rate in MiB/s, logging what each process spent. */
    private double timed(ServerUnderTest target, String what, long size, Transfer transfer) throws Exception {
        ServerProcess.CpuTime serverCpu = target.process().cpuTime();
        double clientCpu = clientCpuSeconds();
        long start = System.nanoTime();
        long bytes = transfer.bytes();
        double seconds = (System.nanoTime() - start) / 1e9;
        check(bytes == size, target.name() + " " + what + " moved " + bytes + " bytes, expected " + size);
        double rate = size / (double) MIB / seconds;
        log(String.format("%s %s: %.2f s, %.0f MiB/s (CPU: server %s, load generator %.2f s)", target.name(), what, seconds, rate,
                target.process().cpuTime().since(serverCpu), clientCpuSeconds() - clientCpu));
        return rate;
    }

    /** Small PUTs, then GETs of keys those PUTs wrote, each a warm-up and a fixed window; Tarn, then the baseline for reference. */
    private void smallObjects() throws Exception {
        String label = GatewaySettings.label(settings.smallSize()) + "_" + settings.clients() + "_clients";
        for (boolean baseline : new boolean[] {false, true}) {
            ServerUnderTest target = baseline ? started(launcher.baseline("jetty-small")) : started(launcher.tarn("tarn-small"));
            String prefix = baseline ? "jetty_" : "gateway_";
            try {
                ClosedLoopLoad.Result puts = load(target, "PUT", (client, sequence) ->
                        target.client().put(BUCKET, smallKey(client, sequence), new GeneratedBody(settings.smallSize())));
                bench(prefix + "put_" + label, puts.perSecond(), "ops/s");
                long[] written = puts.completed();
                long[] firstOf = new long[written.length + 1];
                for (int c = 0; c < written.length; c++) {
                    firstOf[c + 1] = firstOf[c] + written[c];
                }
                check(firstOf[written.length] > 0, target.name() + " wrote no keys to read back");
                ClosedLoopLoad.Result gets = load(target, "GET", (client, sequence) -> {
                    long pick = ThreadLocalRandom.current().nextLong(firstOf[written.length]);
                    int c = Arrays.binarySearch(firstOf, pick);
                    c = c >= 0 ? nextWithKeys(firstOf, c) : -c - 2;
                    long bytes = target.client().get(BUCKET, smallKey(c, pick - firstOf[c]));
                    check(bytes == settings.smallSize(), target.name() + " GET returned " + bytes + " bytes, expected " + settings.smallSize());
                });
                bench(prefix + "get_" + label, gets.perSecond(), "ops/s");
            } finally {
                launcher.stop(target);
            }
        }
    }

    /** A client with no keys has the same first index as the next one: skip to the client that has {@code firstOf[c]}. */
    private static int nextWithKeys(long[] firstOf, int c) {
        while (firstOf[c + 1] == firstOf[c]) {
            c++;
        }
        return c;
    }

    private ClosedLoopLoad.Result load(ServerUnderTest target, String method, ClosedLoopLoad.Operation operation) throws InterruptedException {
        log(String.format("%s: %d clients, %s %s, %.1f s warm-up, %.1f s measured", target.name(), settings.clients(), method,
                GatewaySettings.label(settings.smallSize()), settings.warmUp().toMillis() / 1e3, settings.window().toMillis() / 1e3));
        // CPU over the window only: the warm-up of a fresh server is mostly the JIT compiling.
        ServerProcess.CpuTime[] server = new ServerProcess.CpuTime[2];
        double[] client = new double[2];
        ClosedLoopLoad.Result result = ClosedLoopLoad.run(target.name() + "-" + method, settings.clients(), settings.warmUp(),
                settings.window(), operation, opened -> {
                    server[opened ? 0 : 1] = target.process().cpuTime();
                    client[opened ? 0 : 1] = clientCpuSeconds();
                });
        if (result.firstFailure() != null) {
            throw new IllegalStateException("Benchmark result is wrong: " + result.failures() + " of " + settings.clients() + " " + target.name()
                    + " clients failed; the first: " + result.firstFailure() + "\nserver log:\n" + target.process().logTail(), result.firstFailure());
        }
        ServerProcess.CpuTime serverCpu = server[1].since(server[0]);
        double clientCpu = client[1] - client[0];
        log(String.format("%s %s: %.0f ops/s (%d in %.1f s; CPU in that time: server %s, %.0f µs a request; load generator %.2f s, %.0f%% of the two)",
                target.name(), method, result.perSecond(), result.measured(), result.seconds(), serverCpu,
                serverCpu.total() * 1e6 / result.measured(), clientCpu, 100 * clientCpu / (serverCpu.total() + clientCpu)));
        if (serverCpu.compiler() > 0.1 * serverCpu.total()) {
            log(String.format("warning: %s's JIT compilers took %.0f%% of its CPU in the window: the warm-up was too short"
                    + " for this machine (bench.warmupSeconds)", target.name(), 100 * serverCpu.compiler() / serverCpu.total()));
        }
        return result;
    }

    private static String smallKey(int client, long sequence) {
        return "main/small/c" + client + "/" + sequence;
    }

    /** Many large uploads at once to a fresh server; its peak RSS (the kernel's VmHWM) is the figure. Then the baseline, for reference. */
    private void memory() throws Exception {
        String label = settings.uploads() + "_uploads_" + GatewaySettings.label(settings.uploadSize());
        for (boolean baseline : new boolean[] {false, true}) {
            ServerUnderTest target = baseline ? started(launcher.baseline("jetty-memory")) : started(launcher.tarn("tarn-memory"));
            try {
                long idle = target.process().residentKiB();
                AtomicLong sampledMax = new AtomicLong(idle);
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        sampledMax.accumulateAndGet(target.process().residentKiB(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "rss-sampler");
                sampler.setDaemon(true);
                sampler.start();
                log(String.format("%s: %d concurrent uploads of %s, resident before: %.0f MiB", target.name(), settings.uploads(),
                        GatewaySettings.label(settings.uploadSize()), idle / 1024.0));
                AtomicReference<Exception> failure = new AtomicReference<>();
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> uploaders = new ArrayList<>();
                for (int i = 0; i < settings.uploads(); i++) {
                    String key = "main/upload-" + i + ".bin";
                    Thread t = new Thread(() -> {
                        try {
                            go.await();
                            target.client().put(BUCKET, key, new GeneratedBody(settings.uploadSize()));
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                        }
                    }, "uploader-" + i);
                    uploaders.add(t);
                    t.start();
                }
                ServerProcess.CpuTime cpu = target.process().cpuTime();
                long start = System.nanoTime();
                go.countDown();
                for (Thread t : uploaders) {
                    t.join();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long peak = target.process().peakResidentKiB();
                sampler.interrupt();
                sampler.join();
                if (failure.get() != null) {
                    throw new IllegalStateException("Benchmark result is wrong: an upload to " + target.name() + " failed: " + failure.get()
                            + "\nserver log:\n" + target.process().logTail(), failure.get());
                }
                log(String.format("%s: %.0f MiB/s together (%.1f s; server CPU %s); resident: peak %.0f MiB (VmHWM), largest sample %.0f MiB,"
                        + " after %.0f MiB", target.name(), settings.uploads() * settings.uploadSize() / (double) MIB / seconds, seconds,
                        target.process().cpuTime().since(cpu), peak / 1024.0, sampledMax.get() / 1024.0, target.process().residentKiB() / 1024.0));
                bench((baseline ? "jetty" : "gateway") + "_rss_peak_" + label, peak / 1024.0, "MiB");
            } finally {
                launcher.stop(target);
            }
        }
    }

    private static ServerUnderTest started(ServerUnderTest server) {
        log("started " + server.process());
        return server;
    }

    /** Stops every server and deletes the data; safe to call twice, and from a shutdown hook while the benchmark runs. */
    private synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        launcher.stopAll();
        try {
            ServerLauncher.deleteRecursively(settings.dir());
        } catch (IOException e) {
            log("cannot delete " + settings.dir() + ": " + e.getMessage());
        }
    }

    private static double clientCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private void bench(String name, double value, String unit) {
        out.printf("BENCH %s %s %s%n", name, value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value), unit);
        out.flush();
    }

    private static void log(String message) {
        System.err.println("[gateway-bench] " + message);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("Benchmark result is wrong: " + message);
        }
    }
}
