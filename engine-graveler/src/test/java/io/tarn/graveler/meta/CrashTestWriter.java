package io.tarn.graveler.meta;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link LmdbCrashTest} kills: opens the store in the directory given as the only
 * argument and writes batch after batch, printing {@code ACK i} once batch {@code i} has been
 * written. Batch {@code i} puts {@code batch/i/a}, {@code batch/i/b}, {@code batch/i/c} and
 * {@code batch/i/payload} and moves {@code counter} from {@code i - 1} (absent for 0) to {@code i}.
 *
 * <p>It starts with a 1 MiB map, so the map grows while the parent may be killing it. It stops on
 * its own after a minute, or when nobody reads its output any more, so it never outlives a failed
 * test for long.
 */
public final class CrashTestWriter {
    static final byte[] COUNTER = "counter".getBytes(UTF_8);
    static final String[] PARTS = {"a", "b", "c"};
    static final int PAYLOAD_BYTES = 8 * 1024;

    private CrashTestWriter() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        PrintStream out = System.out;
        LmdbMetadataStore.Options options = LmdbMetadataStore.Options.defaults().withInitialMapSize(1L << 20);
        try (MetadataStore store = LmdbMetadataStore.open(directory, options)) {
            for (int i = 0; System.nanoTime() < deadline; i++) {
                if (store.write(batch(i)) != WriteBatch.Outcome.APPLIED) {
                    System.err.println("Cannot write batch " + i + ": the counter did not hold " + (i - 1));
                    System.exit(2);
                }
                out.println("ACK " + i);
                out.flush();
                if (out.checkError()) {
                    return;
                }
            }
        }
    }

    static WriteBatch batch(int i) {
        WriteBatch batch = new WriteBatch().expect(COUNTER, i == 0 ? null : text(i - 1));
        for (String part : PARTS) {
            batch.put(key(i, part), text(i));
        }
        return batch.put(key(i, "payload"), payload(i)).put(COUNTER, text(i));
    }

    static byte[] key(int batch, String part) {
        return ("batch/" + batch + "/" + part).getBytes(UTF_8);
    }

    static byte[] text(int i) {
        return Integer.toString(i).getBytes(UTF_8);
    }

    static byte[] payload(int i) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        for (int j = 0; j < payload.length; j++) {
            payload[j] = (byte) (i * 31 + j);
        }
        return payload;
    }
}
