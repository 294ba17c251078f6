package io.tarn.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * What a gateway benchmark run does, from system properties, with issue 4's figures as defaults.
 * Sizes take a binary suffix: {@code 4k}, {@code 256m}, {@code 1g}.
 *
 * @param dir where the servers keep their data and logs while they run ({@code bench.dir}); deleted at the end
 * @param tarnJar the packaged server ({@code bench.tarnJar}, default {@code server/target/tarn.jar})
 * @param serverJvmArgs JVM options for both server processes ({@code bench.serverJvmArgs}, default none:
 *                      the README's {@code java -jar server/target/tarn.jar run})
 * @param phases which parts run ({@code bench.phases}): {@code transfer} (large PUT and GET against the
 *               baseline), {@code small} (small objects from many clients), {@code memory} (peak RSS
 *               under concurrent uploads)
 * @param bigSize the large object ({@code bench.bigSize}, 1 GiB)
 * @param repeats measured large transfers per direction and server; the median is reported ({@code bench.repeats}, 3)
 * @param smallSize the small object ({@code bench.smallSize}, 4 KiB)
 * @param clients concurrent clients for small objects ({@code bench.clients}, 32)
 * @param warmUp before each small-object window ({@code bench.warmupSeconds}, 10: the JIT compilers of a fresh
 *               server on 2 busy cores need most of it)
 * @param window each measured small-object window ({@code bench.seconds}, 20)
 * @param uploads concurrent uploads in the memory phase ({@code bench.uploads}, 32)
 * @param uploadSize each of those uploads ({@code bench.uploadSize}, 256 MiB)
 */
record GatewaySettings(Path dir, Path tarnJar, List<String> serverJvmArgs, List<String> phases, long bigSize, int repeats, long smallSize,
        int clients, Duration warmUp, Duration window, int uploads, long uploadSize) {
    static final List<String> PHASES = List.of("transfer", "small", "memory");

    GatewaySettings {
        serverJvmArgs = List.copyOf(serverJvmArgs);
        phases = List.copyOf(new LinkedHashSet<>(phases));
        if (!PHASES.containsAll(phases) || phases.isEmpty()) {
            throw new IllegalArgumentException("Invalid bench.phases " + phases + ": expected some of " + PHASES);
        }
        if (!Files.isRegularFile(tarnJar)) {
            throw new IllegalArgumentException("Invalid bench.tarnJar " + tarnJar + ": no such file (build it with"
                    + " mvn -B -pl server -am package -DskipTests)");
        }
        positive("bench.bigSize", bigSize);
        positive("bench.repeats", repeats);
        positive("bench.smallSize", smallSize);
        positive("bench.clients", clients);
        positive("bench.uploads", uploads);
        positive("bench.uploadSize", uploadSize);
        positive("bench.seconds", window.toMillis());
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("Invalid bench.warmupSeconds " + warmUp.toSeconds() + ": must be at least 0");
        }
    }

    static GatewaySettings fromSystemProperties() {
        String jvmArgs = System.getProperty("bench.serverJvmArgs", "").trim();
        return new GatewaySettings(
                Path.of(System.getProperty("bench.dir", "benchmarks/target/gateway-bench")).toAbsolutePath(),
                Path.of(System.getProperty("bench.tarnJar", "server/target/tarn.jar")).toAbsolutePath(),
                jvmArgs.isEmpty() ? List.of() : Arrays.asList(jvmArgs.split("\\s+")),
                Arrays.asList(System.getProperty("bench.phases", "transfer,small,memory").trim().split("\\s*,\\s*")),
                bytes("bench.bigSize", "1g"),
                Integer.getInteger("bench.repeats", 3),
                bytes("bench.smallSize", "4k"),
                Integer.getInteger("bench.clients", 32),
                Duration.ofMillis((long) (seconds("bench.warmupSeconds", 10) * 1000)),
                Duration.ofMillis((long) (seconds("bench.seconds", 20) * 1000)),
                Integer.getInteger("bench.uploads", 32),
                bytes("bench.uploadSize", "256m"));
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** Parses {@code 4096}, {@code 4k}, {@code 256m} or {@code 1g} (binary units). */
    static long bytes(String property, String defaultValue) {
        String text = System.getProperty(property, defaultValue).trim().toLowerCase(Locale.ROOT);
        long unit = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? text : text.substring(0, text.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Invalid " + property + " '" + text + "': expected bytes, or a number with k, m or g", e);
        }
    }

    private static double seconds(String property, double defaultValue) {
        String text = System.getProperty(property);
        try {
            return text == null ? defaultValue : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + property + " '" + text + "': expected seconds", e);
        }
    }

    private static void positive(String property, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Invalid " + property + " " + value + ": must be positive");
        }
    }

    /** {@code 1gib}, {@code 256mib}, {@code 4kib}, or the bytes: for figure names. */
    static String label(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "gib";
        }
        if (bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + "mib";
        }
        if (bytes % (1L << 10) == 0) {
            return bytes / (1L << 10) + "kib";
        }
        return bytes + "b";
    }
}
