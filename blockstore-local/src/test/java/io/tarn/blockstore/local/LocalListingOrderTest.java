package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.blockstore.spi.ListPage;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing order checked against a sorted model over random keys built to stress the file layout:
 * separators, dots, percent signs, multi-byte characters and long runs that cross the 250-byte chunk
 * boundary in many ways, so that files, directories and continuation chunks interleave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalListingOrderTest {
    private static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));
    private static final String[] TOKENS = {"a", "b", "/", "-", ".", "..", "%", "%%", "0", "\u00e9", "\u00ff", "\ud83d\ude00", "\uff21",
        "x".repeat(120), "x".repeat(125), "x".repeat(130), "\u00e9".repeat(41), "\u00e9".repeat(42)};
    private static final Location BASE = Location.of("local://listing");

    @TempDir
    static Path directory;
    private LocalBlockStore store;
    private final TreeSet<String> model = new TreeSet<>(BYTE_ORDER);

    @BeforeAll
    void populate() throws Exception {
        store = LocalBlockStore.open(new LocalBlockStoreConfig(directory));
        Random random = new Random(7);
        while (model.size() < 1500) {
            model.add(randomKey(random));
        }
        model.add("x".repeat(250) + "a");
        model.add("x".repeat(251));
        model.add("x".repeat(300));
        model.add("x".repeat(250) + "y");
        model.add("x".repeat(250) + "/");
        model.add("x".repeat(249) + "\u00e9");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ObjectStat>> writes = new ArrayList<>();
            for (String key : model) {
                writes.add(pool.submit(() -> store.put(BASE.resolve(key), new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULT)));
            }
            for (Future<ObjectStat> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    @DisplayName("listing everything gives every key once, in unsigned UTF-8 byte order")
    void everythingInOrder() {
        List<String> listed = store.listAll(BASE.resolve("")).map(stat -> stat.location().keyBelow(BASE)).toList();

        assertThat(listed).containsExactlyElementsOf(model);
    }

    @Test
    @DisplayName("paging by 7 gives the same sequence as one listing")
    void pagesConcatenate() {
        List<String> listed = new ArrayList<>();
        Location after = null;
        ListPage page;
        do {
            page = store.list(BASE.resolve(""), after, 7);
            page.objects().forEach(stat -> listed.add(stat.location().keyBelow(BASE)));
            after = page.lastLocation();
        } while (page.truncated());

        assertThat(listed).containsExactlyElementsOf(model);
    }

    @Test
    @DisplayName("400 random prefixes, start-after values and page sizes each give the model's page")
    void randomQueries() {
        Random random = new Random(11);
        List<String> keys = new ArrayList<>(model);
        for (int query = 0; query < 400; query++) {
            String prefix = random.nextInt(5) == 0 ? randomKey(random) : cut(keys.get(random.nextInt(keys.size())), random);
            String startAfter = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> keys.get(random.nextInt(keys.size()));
                default -> cut(keys.get(random.nextInt(keys.size())), random);
            };
            int maxKeys = 1 + random.nextInt(40);

            ListPage page = store.list(BASE.resolve(prefix), startAfter == null ? null : BASE.resolve(startAfter), maxKeys);

            List<String> matching = model.stream()
                    .filter(k -> startsWith(k.getBytes(UTF_8), prefix.getBytes(UTF_8)))
                    .filter(k -> startAfter == null || BYTE_ORDER.compare(k, startAfter) > 0)
                    .toList();
            String description = "prefix '" + prefix + "', after '" + startAfter + "', max " + maxKeys;
            assertThat(page.objects()).extracting(stat -> stat.location().keyBelow(BASE)).as(description)
                    .containsExactlyElementsOf(matching.subList(0, Math.min(maxKeys, matching.size())));
            assertThat(page.truncated()).as(description).isEqualTo(matching.size() > maxKeys);
        }
    }

    @Test
    @DisplayName("keys around a chunk boundary list in byte order")
    void chunkBoundaryOrder() {
        Location run = BASE.resolve("x".repeat(249));
        List<String> listed = store.list(run, null, 100).objects().stream().map(stat -> stat.location().keyBelow(BASE)).toList();

        assertThat(listed).isSortedAccordingTo(BYTE_ORDER).contains("x".repeat(250) + "a", "x".repeat(251), "x".repeat(300), "x".repeat(250) + "y");
        assertThat(listed.indexOf("x".repeat(251))).isLessThan(listed.indexOf("x".repeat(300)));
        assertThat(listed.indexOf("x".repeat(300))).isLessThan(listed.indexOf("x".repeat(250) + "y"));
    }

    private static String randomKey(Random random) {
        StringBuilder key = new StringBuilder();
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            key.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return key.toString();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** A prefix of {@code key} ending at a random code point boundary. */
    private static String cut(String key, Random random) {
        int codePoints = key.codePointCount(0, key.length());
        return key.substring(0, key.offsetByCodePoints(0, random.nextInt(codePoints + 1)));
    }
}
