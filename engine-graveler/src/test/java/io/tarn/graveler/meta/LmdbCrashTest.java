package io.tarn.graveler.meta;

import static io.tarn.graveler.meta.CrashTestWriter.COUNTER;
import static io.tarn.graveler.meta.CrashTestWriter.PARTS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Durability and atomicity across a crash (DESIGN §6): a child JVM ({@link CrashTestWriter}) writes
 * multi-key batches and acknowledges each on stdout; the test kills it with SIGKILL at some point
 * and reopens the store. Every acknowledged batch must be there, whole; no batch may be there in
 * part; the batches present run from 0 without a gap, and the counter names the last of them.
 */
class LmdbCrashTest {
    private static final Pattern ACK = Pattern.compile("ACK (\\d+)");
    /** What lmdbjava needs on Java 17; the same as the build's {@code tarn.lmdb.jvmArgs}. */
    private static final List<String> LMDB_JVM_ARGS = List.of(
            "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
    /** How a JVM reports a process that died of signal 9. */
    private static final int KILLED_BY_SIGKILL = 128 + 9;

    @ParameterizedTest(name = "killed after {0} acknowledged batches")
    @ValueSource(ints = {1, 90, 240})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aKilledWriterLosesNoAcknowledgedBatchAndLeavesNoPartialOne(int killAfter, @TempDir Path temp) throws Exception {
        Path directory = temp.resolve("meta");
        Path childErrors = temp.resolve("child-stderr.txt");
        Process child = start(directory, childErrors);
        AtomicInteger acknowledged = new AtomicInteger();
        Queue<String> unexpectedOutput = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> readAcknowledgements(child, acknowledged, unexpectedOutput), "crash-test-acks");
        reader.setDaemon(true);
        reader.start();
        try {
            awaitAcknowledgements(child, acknowledged, killAfter, childErrors);
            // Land the kill somewhere else in the next write each time.
            TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(2_000));
            // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the
            // child's stdout, losing acknowledgements still in the pipe.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child died within 10 s").isTrue();
        } finally {
            child.toHandle().destroyForcibly();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(child.exitValue()).as(() -> "exit status of the child; its stderr: " + read(childErrors))
                .isEqualTo(KILLED_BY_SIGKILL);
        assertThat(unexpectedOutput).isEmpty();
        assertThat(acknowledged.get()).isGreaterThanOrEqualTo(killAfter);
        assertStoreHoldsWholeBatchesThrough(directory, acknowledged.get() - 1);
    }

    private static Process start(Path directory, Path errors) throws IOException {
        List<String> command = Stream.of(
                        Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                        LMDB_JVM_ARGS.stream(),
                        Stream.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                "-cp", System.getProperty("java.class.path"),
                                CrashTestWriter.class.getName(), directory.toString()))
                .flatMap(s -> s)
                .toList();
        Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        child.getOutputStream().close();
        return child;
    }

    /** Counts {@code ACK i} lines, which must come in order from 0, until the child's stdout ends. */
    private static void readAcknowledgements(Process child, AtomicInteger acknowledged, Queue<String> unexpected) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher ack = ACK.matcher(line);
                if (ack.matches() && Integer.parseInt(ack.group(1)) == acknowledged.get()) {
                    acknowledged.incrementAndGet();
                } else {
                    unexpected.add(line);
                }
            }
        } catch (IOException e) {
            unexpected.add("Cannot read the child's output: " + e);
        }
    }

    private static void awaitAcknowledgements(Process child, AtomicInteger acknowledged, int count, Path errors)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledged.get() < count) {
            if (!child.isAlive()) {
                fail("The child exited with " + child.exitValue() + " after " + acknowledged.get()
                        + " acknowledgements; its stderr: " + read(errors));
            }
            if (System.nanoTime() > deadline) {
                fail("The child acknowledged only " + acknowledged.get() + " of " + count
                        + " batches in 30 s; its stderr: " + read(errors));
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private static void assertStoreHoldsWholeBatchesThrough(Path directory, int lastAcknowledged) {
        try (MetadataStore store = LmdbMetadataStore.open(directory)) {
            SortedMap<Integer, Map<String, byte[]>> batches = new TreeMap<>();
            try (Stream<KeyValue> entries = store.scan("batch/".getBytes(UTF_8), null)) {
                entries.forEach(e -> {
                    String[] key = new String(e.key(), UTF_8).split("/");
                    batches.computeIfAbsent(Integer.parseInt(key[1]), i -> new TreeMap<>()).put(key[2], e.value());
                });
            }
            int last = batches.isEmpty() ? -1 : batches.lastKey();

            assertThat(last).as("the last batch present").isGreaterThanOrEqualTo(lastAcknowledged);
            assertThat(batches.keySet()).as("the batches present")
                    .containsExactlyElementsOf(IntStream.rangeClosed(0, last).boxed().toList());
            batches.forEach((i, parts) -> {
                assertThat(parts.keySet()).as("the keys of batch %d", i).containsExactlyInAnyOrder("a", "b", "c", "payload");
                for (String part : PARTS) {
                    assertThat(parts.get(part)).as("batch/%d/%s", i, part).isEqualTo(CrashTestWriter.text(i));
                }
                assertThat(parts.get("payload")).as("batch/%d/payload", i).isEqualTo(CrashTestWriter.payload(i));
            });
            assertThat(store.get(COUNTER)).as("the counter")
                    .hasValueSatisfying(counter -> assertThat(counter).isEqualTo(CrashTestWriter.text(last)));
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
