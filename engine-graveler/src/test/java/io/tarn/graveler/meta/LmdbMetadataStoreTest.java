package io.tarn.graveler.meta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link LmdbMetadataStore} against the {@link MetadataStore} contract, and what is LMDB's own. */
class LmdbMetadataStoreTest extends AbstractMetadataStoreTest {
    private static final long ONE_MIB = 1L << 20;

    @TempDir
    Path temp;

    @Override
    protected MetadataStore openEmptyStore() {
        return LmdbMetadataStore.open(temp.resolve("meta"));
    }

    @Override
    protected MetadataStore closeAndReopen(MetadataStore store) {
        store.close();
        return LmdbMetadataStore.open(temp.resolve("meta"));
    }

    // ---- memory map growth --------------------------------------------------------------------

    @Test
    @Timeout(120)
    void writesFarBeyondTheInitialMapSizeAllLandAndSurviveReopening() {
        Path directory = temp.resolve("growing");
        LmdbMetadataStore.Options options = LmdbMetadataStore.Options.defaults().withInitialMapSize(ONE_MIB);
        int batches = 50;
        int valuesPerBatch = 16;
        int valueSize = 64 * 1024; // 50 × 16 × 64 KiB = 50 MiB
        try (LmdbMetadataStore grown = LmdbMetadataStore.open(directory, options)) {
            for (int b = 0; b < batches; b++) {
                WriteBatch batch = new WriteBatch();
                for (int v = 0; v < valuesPerBatch; v++) {
                    batch.put(bigKey(b, v), pattern(valueSize, b * valuesPerBatch + v));
                }
                assertThat(grown.write(batch)).isEqualTo(WriteBatch.Outcome.APPLIED);
            }

            assertThat(grown.mapSize()).isGreaterThanOrEqualTo(50 * ONE_MIB);
            assertEveryBigValuePresent(grown, batches, valuesPerBatch, valueSize);
        }
        try (LmdbMetadataStore reopened = LmdbMetadataStore.open(directory, options)) {
            assertEveryBigValuePresent(reopened, batches, valuesPerBatch, valueSize);
            reopened.put(bytes("after reopening"), pattern(4 * (int) ONE_MIB, 1));
            assertThat(reopened.get(bytes("after reopening"))).isPresent();
        }
    }

    @Test
    void aSingleWriteSeveralTimesLargerThanTheMapGrowsItAsOften() {
        try (LmdbMetadataStore small = LmdbMetadataStore.open(temp.resolve("small"),
                LmdbMetadataStore.Options.defaults().withInitialMapSize(ONE_MIB))) {
            byte[] value = pattern(10 * (int) ONE_MIB, 3);

            small.put(bytes("big"), value);

            assertThat(small.get(bytes("big"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
            assertThat(small.mapSize()).isGreaterThanOrEqualTo(16 * ONE_MIB);
        }
    }

    @Test
    @Timeout(60)
    void readersRunningWhileTheMapGrowsSeeConsistentData() throws Exception {
        try (LmdbMetadataStore small = LmdbMetadataStore.open(temp.resolve("small"),
                LmdbMetadataStore.Options.defaults().withInitialMapSize(ONE_MIB))) {
            small.put(bytes("stable"), bytes("v"));
            AtomicBoolean writing = new AtomicBoolean(true);

            runConcurrently(4, thread -> {
                if (thread == 0) {
                    try {
                        for (int i = 0; i < 64; i++) {
                            small.put(bytes("grow/" + i), pattern(256 * 1024, i));
                        }
                    } finally {
                        writing.set(false);
                    }
                    return;
                }
                while (writing.get()) {
                    assertThat(small.get(bytes("stable"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
                    try (Stream<KeyValue> entries = small.scan(bytes("stable"), null)) {
                        assertThat(entries.count()).isEqualTo(1);
                    }
                }
            });

            assertThat(small.mapSize()).isGreaterThanOrEqualTo(16 * ONE_MIB);
            try (Stream<KeyValue> entries = small.scan(bytes("grow/"), null)) {
                assertThat(entries.count()).isEqualTo(64);
            }
        }
    }

    @Test
    @Timeout(60)
    void moreConcurrentReadsThanReaderSlotsWaitInsteadOfFailing() throws Exception {
        try (LmdbMetadataStore twoReaders = LmdbMetadataStore.open(temp.resolve("two-readers"),
                LmdbMetadataStore.Options.defaults().withMaxReaders(2))) {
            twoReaders.write(new WriteBatch().put(bytes("k"), bytes("v")).put(bytes("p/1"), bytes("1")));

            runConcurrently(8, thread -> {
                for (int i = 0; i < 200; i++) {
                    assertThat(twoReaders.get(bytes("k"))).isPresent();
                    try (Stream<KeyValue> entries = twoReaders.scan(bytes("p/"), null)) {
                        assertThat(entries.count()).isEqualTo(1);
                    }
                }
            });
        }
    }

    // ---- opening ------------------------------------------------------------------------------

    @Test
    void openCreatesMissingDirectories() {
        Path nested = temp.resolve("a/b/meta");

        try (LmdbMetadataStore created = LmdbMetadataStore.open(nested)) {
            created.put(bytes("k"), bytes("v"));
        }

        assertThat(nested.resolve("data.mdb")).isRegularFile();
    }

    @Test
    void openFailsNamingThePathWhenItIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "not a directory");

        assertThatThrownBy(() -> LmdbMetadataStore.open(file))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessageStartingWith("Cannot create the metadata store directory " + file + ": ")
                .hasMessageContaining("not a directory");
    }

    @Test
    void openFailsNamingThePathWhenAParentIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "not a directory");
        Path below = file.resolve("meta");

        assertThatThrownBy(() -> LmdbMetadataStore.open(below))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessageStartingWith("Cannot create the metadata store directory " + below + ": ");
    }

    @Test
    void openFailsNamingThePathWhenTheDirectoryIsNotWritable() throws IOException {
        Path readOnly = Files.createDirectory(temp.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "this user (root?) may write to any directory");
            assertThatThrownBy(() -> LmdbMetadataStore.open(readOnly))
                    .isInstanceOf(MetadataStoreException.class)
                    .hasMessageContaining(readOnly.toString())
                    .hasMessageContaining("not writable");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void openFailsNamingThePathWhenTheDirectoryHoldsSomethingElse() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("garbage"));
        Files.write(directory.resolve("data.mdb"), pattern(64 * 1024, 5));

        assertThatThrownBy(() -> LmdbMetadataStore.open(directory))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessageStartingWith("Cannot open the metadata store at " + directory);
    }

    @Test
    void openFailsWhenTheStoreIsAlreadyOpenInThisProcess() {
        assertThatThrownBy(() -> LmdbMetadataStore.open(temp.resolve("meta")))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessageContaining(temp.resolve("meta").toString())
                .hasMessageContaining("already open");
    }

    @Test
    void optionsRejectAMapSmallerThanOneMebibyte() {
        assertThatThrownBy(() -> LmdbMetadataStore.Options.defaults().withInitialMapSize(4096))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4096");
    }

    // ---- closing ------------------------------------------------------------------------------

    @Test
    void aCallAfterCloseNamesTheStore() {
        store.close();

        assertThatThrownBy(() -> store.put(bytes("k"), bytes("v")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot use the metadata store at " + temp.resolve("meta") + ": it is closed");
    }

    @Test
    void aScanThatNeedsAnotherChunkAfterCloseFails() {
        putAll(numberedKeys("p/", 2 * LmdbScan.CHUNK_SIZE).toArray(String[]::new));

        try (Stream<KeyValue> entries = store.scan(bytes("p/"), null)) {
            Iterator<KeyValue> iterator = entries.iterator();
            iterator.next();
            store.close();

            assertThatThrownBy(() -> iterator.forEachRemaining(e -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void closingAllowsTheDirectoryToBeOpenedAgain() {
        store.put(bytes("k"), bytes("v"));
        store.close();

        try (LmdbMetadataStore again = LmdbMetadataStore.open(temp.resolve("meta"))) {
            assertThat(again.get(bytes("k"))).isPresent();
        }
    }

    private static byte[] bigKey(int batch, int value) {
        return bytes(String.format("big/%03d/%02d", batch, value));
    }

    private static void assertEveryBigValuePresent(MetadataStore store, int batches, int valuesPerBatch, int valueSize) {
        for (int b = 0; b < batches; b++) {
            for (int v = 0; v < valuesPerBatch; v++) {
                byte[] expected = pattern(valueSize, b * valuesPerBatch + v);
                String key = new String(bigKey(b, v), UTF_8);
                assertThat(store.get(bigKey(b, v))).as(key).hasValueSatisfying(actual -> assertThat(actual).isEqualTo(expected));
            }
        }
        try (Stream<KeyValue> entries = store.scan(bytes("big/"), null)) {
            assertThat(entries.count()).isEqualTo((long) batches * valuesPerBatch);
        }
    }
}
