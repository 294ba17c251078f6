package io.tarn.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test running in a JVM of its own, so that its memory and CPU are its own and can
 * be read from {@code /proc/<pid>} (Linux only). Started from a command line, it is ready once its
 * banner has printed an {@code Endpoint: http://...} line and a line starting with "Stop with";
 * its stderr goes to a log file, its stdout is drained so it never blocks. {@link #close} stops it
 * with SIGTERM, then SIGKILL after 30 seconds.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("Endpoint: +(http://\\S+)");
    /** Linux's USER_HZ, the unit of utime and stime in /proc/<pid>/stat, is 100 on every mainstream architecture. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final String name;
    private final Process process;
    private final String banner;
    private final Path log;
    private final URI endpoint;

    private ServerProcess(String name, Process process, String banner, Path log, URI endpoint) {
        this.name = name;
        this.process = process;
        this.banner = banner;
        this.log = log;
        this.endpoint = endpoint;
    }

    /**
     * Starts {@code command} in {@code workDir} and waits up to 60 seconds for its banner.
     *
     * @throws IllegalStateException when it exits or prints no endpoint in time; the message carries its log
     */
    static ServerProcess start(String name, List<String> command, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TARN_"));
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder banner = new StringBuilder();
        URI endpoint = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            banner.append(line).append('\n');
            Matcher m = ENDPOINT.matcher(line);
            if (endpoint == null && m.find()) {
                endpoint = URI.create(m.group(1));
            }
            if (line.startsWith("Stop with")) {
                break;
            }
        }
        if (endpoint == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Cannot start " + name + " (" + String.join(" ", command) + "): no endpoint in its banner\n"
                    + banner + "log:\n" + tail(log));
        }
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException ignored) {
                // the process stopped
            }
        }, name + "-stdout");
        drain.setDaemon(true);
        drain.start();
        return new ServerProcess(name, process, banner.toString(), log, endpoint);
    }

    String name() {
        return name;
    }

    URI endpoint() {
        return endpoint;
    }

    /** The first group of {@code pattern} in the banner, if it matches. */
    Optional<String> fromBanner(Pattern pattern) {
        Matcher m = pattern.matcher(banner);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Resident memory now (VmRSS), in KiB. */
    long residentKiB() {
        return statusKiB("VmRSS");
    }

    /** The peak of resident memory since the process started (VmHWM), in KiB: the kernel's own high-water mark. */
    long peakResidentKiB() {
        return statusKiB("VmHWM");
    }

    /**
     * CPU time over all its threads, in seconds.
     *
     * @param user in the JVM: Java code, the JIT compilers, the collector
     * @param kernel in system calls on its behalf: file system, fsync, sockets
     * @param compiler of which the JIT compiler threads, user and kernel: a warm-up too short for the
     *                 server shows up here
     */
    record CpuTime(double user, double kernel, double compiler) {
        double total() {
            return user + kernel;
        }

        CpuTime since(CpuTime before) {
            return new CpuTime(user - before.user, kernel - before.kernel, compiler - before.compiler);
        }

        @Override
        public String toString() {
            return String.format("%.2f s (kernel %.2f s, JIT compiler %.2f s)", total(), kernel, compiler);
        }
    }

    /** CPU time used so far. */
    CpuTime cpuTime() {
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        long[] all = ticks(read(proc.resolve("stat")));
        long compiler = 0;
        try (var tasks = Files.list(proc.resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    // HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1", cut to 15 characters.
                    if (Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).contains("CompilerThre")) {
                        long[] t = ticks(Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII));
                        compiler += t[0] + t[1];
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the threads of " + name + " in " + proc, e);
        }
        return new CpuTime(all[0] / CLOCK_TICKS_PER_SECOND, all[1] / CLOCK_TICKS_PER_SECOND, compiler / CLOCK_TICKS_PER_SECOND);
    }

    /** utime and stime from a /proc stat line. */
    private static long[] ticks(String stat) {
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }

    private long statusKiB(String field) {
        for (String line : read(Path.of("/proc", Long.toString(process.pid()), "status")).split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("Cannot find " + field + " in /proc/" + process.pid() + "/status");
    }

    private String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " for " + name + " (is it still running? /proc is Linux only)", e);
        }
    }

    /** The last lines of its log, for a failure message. */
    String logTail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + endpoint + ")";
    }
}
