package io.tarn.graveler.meta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link MetadataStore}, run against every implementation: a subclass supplies an
 * empty store and a way to close and reopen it over the same data. One behaviour per test; the
 * names state it.
 *
 * <p>Shipped in engine-graveler's test-jar so that other implementations (PostgreSQL) run the same
 * specification.
 */
public abstract class AbstractMetadataStoreTest {
    /** The store under test; {@link #closeAndReopen} replaces it. Closed after each test. */
    protected MetadataStore store;

    /** A new, empty store, open. */
    protected abstract MetadataStore openEmptyStore();

    /** Closes {@code store} (which may already be closed) and opens the same data again. */
    protected abstract MetadataStore closeAndReopen(MetadataStore store);

    @BeforeEach
    void openStore() {
        store = openEmptyStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- get, put, delete ---------------------------------------------------------------------

    @Test
    void getOfAMissingKeyIsEmpty() {
        assertThat(store.get(bytes("missing"))).isEmpty();
    }

    @Test
    void getReturnsWhatPutStored() {
        store.put(bytes("k"), bytes("v"));

        assertThat(valueOf("k")).isEqualTo("v");
    }

    @Test
    void putReplacesTheValue() {
        store.put(bytes("k"), bytes("first"));
        store.put(bytes("k"), bytes("second"));

        assertThat(valueOf("k")).isEqualTo("second");
    }

    @Test
    void anEmptyValueIsStoredAndDiffersFromAbsence() {
        store.put(bytes("k"), new byte[0]);

        assertThat(store.get(bytes("k"))).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }

    @Test
    void aLargeValueIsStoredWhole() {
        byte[] large = pattern(3 << 20, 7);
        store.put(bytes("large"), large);

        assertThat(store.get(bytes("large"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(large));
    }

    @Test
    void changingTheCallersArrayAfterPutDoesNotChangeTheStoredValue() {
        byte[] value = bytes("original");
        store.put(bytes("k"), value);
        value[0] = 'X';

        assertThat(valueOf("k")).isEqualTo("original");
    }

    @Test
    void changingAnArrayReturnedByGetDoesNotChangeTheStoredValue() {
        store.put(bytes("k"), bytes("original"));
        store.get(bytes("k")).orElseThrow()[0] = 'X';

        assertThat(valueOf("k")).isEqualTo("original");
    }

    @Test
    void deleteRemovesTheKey() {
        store.put(bytes("k"), bytes("v"));
        store.delete(bytes("k"));

        assertThat(store.get(bytes("k"))).isEmpty();
    }

    @Test
    void deleteOfAMissingKeySucceeds() {
        store.delete(bytes("missing"));

        assertThat(store.get(bytes("missing"))).isEmpty();
    }

    @Test
    void deleteIsIdempotent() {
        store.put(bytes("k"), bytes("v"));
        store.delete(bytes("k"));
        store.delete(bytes("k"));

        assertThat(store.get(bytes("k"))).isEmpty();
    }

    @Test
    void deleteLeavesOtherKeys() {
        store.put(bytes("a"), bytes("1"));
        store.put(bytes("ab"), bytes("2"));
        store.delete(bytes("a"));

        assertThat(valueOf("ab")).isEqualTo("2");
    }

    // ---- compare-and-swap ---------------------------------------------------------------------

    @Test
    void compareAndSwapFromAbsentCreatesTheKey() {
        assertThat(store.compareAndSwap(bytes("k"), null, bytes("v"))).isTrue();

        assertThat(valueOf("k")).isEqualTo("v");
    }

    @Test
    void compareAndSwapFromAbsentFailsWhenTheKeyExistsAndKeepsItsValue() {
        store.put(bytes("k"), bytes("v"));

        assertThat(store.compareAndSwap(bytes("k"), null, bytes("other"))).isFalse();
        assertThat(valueOf("k")).isEqualTo("v");
    }

    @Test
    void compareAndSwapReplacesTheExpectedValue() {
        store.put(bytes("k"), bytes("old"));

        assertThat(store.compareAndSwap(bytes("k"), bytes("old"), bytes("new"))).isTrue();
        assertThat(valueOf("k")).isEqualTo("new");
    }

    @Test
    void compareAndSwapFailsWhenTheValueDiffersAndKeepsIt() {
        store.put(bytes("k"), bytes("current"));

        assertThat(store.compareAndSwap(bytes("k"), bytes("stale"), bytes("new"))).isFalse();
        assertThat(valueOf("k")).isEqualTo("current");
    }

    @Test
    void compareAndSwapRequiresTheWholeValueToMatch() {
        store.put(bytes("k"), bytes("abc"));

        assertThat(store.compareAndSwap(bytes("k"), bytes("ab"), bytes("new"))).isFalse();
        assertThat(store.compareAndSwap(bytes("k"), bytes("abcd"), bytes("new"))).isFalse();
        assertThat(valueOf("k")).isEqualTo("abc");
    }

    @Test
    void compareAndSwapFailsWhenExpectingAValueOfAnAbsentKeyAndLeavesItAbsent() {
        assertThat(store.compareAndSwap(bytes("k"), bytes("v"), bytes("new"))).isFalse();
        assertThat(store.get(bytes("k"))).isEmpty();
    }

    @Test
    void compareAndSwapTellsAnEmptyValueFromAnAbsentKey() {
        assertThat(store.compareAndSwap(bytes("absent"), new byte[0], bytes("new"))).isFalse();
        store.put(bytes("empty"), new byte[0]);
        assertThat(store.compareAndSwap(bytes("empty"), null, bytes("new"))).isFalse();

        assertThat(store.compareAndSwap(bytes("empty"), new byte[0], bytes("new"))).isTrue();
        assertThat(store.get(bytes("absent"))).isEmpty();
        assertThat(valueOf("empty")).isEqualTo("new");
    }

    @Test
    void compareAndSwapToNullDeletesTheKey() {
        store.put(bytes("k"), bytes("v"));

        assertThat(store.compareAndSwap(bytes("k"), bytes("v"), null)).isTrue();
        assertThat(store.get(bytes("k"))).isEmpty();
    }

    @Test
    void compareAndSwapToNullFailsWhenTheValueDiffersAndKeepsTheKey() {
        store.put(bytes("k"), bytes("current"));

        assertThat(store.compareAndSwap(bytes("k"), bytes("stale"), null)).isFalse();
        assertThat(valueOf("k")).isEqualTo("current");
    }

    // ---- write batches ------------------------------------------------------------------------

    @Test
    void writeAppliesEveryOperationWhenTheConditionsHold() {
        store.put(bytes("head"), bytes("c1"));
        store.put(bytes("sealed"), bytes("t1"));

        WriteBatch.Outcome outcome = store.write(new WriteBatch()
                .expect(bytes("head"), bytes("c1"))
                .expect(bytes("commit/c2"), null)
                .put(bytes("commit/c2"), bytes("record"))
                .put(bytes("head"), bytes("c2"))
                .delete(bytes("sealed")));

        assertThat(outcome).isEqualTo(WriteBatch.Outcome.APPLIED);
        assertThat(valueOf("commit/c2")).isEqualTo("record");
        assertThat(valueOf("head")).isEqualTo("c2");
        assertThat(store.get(bytes("sealed"))).isEmpty();
    }

    @Test
    void writeWithAFailedConditionAppliesNothing() {
        store.put(bytes("head"), bytes("c9"));
        store.put(bytes("sealed"), bytes("t1"));

        WriteBatch.Outcome outcome = store.write(new WriteBatch()
                .put(bytes("commit/c2"), bytes("record"))
                .delete(bytes("sealed"))
                .expect(bytes("head"), bytes("c1"))
                .put(bytes("head"), bytes("c2")));

        assertThat(outcome).isEqualTo(WriteBatch.Outcome.CONDITION_FAILED);
        assertThat(store.get(bytes("commit/c2"))).isEmpty();
        assertThat(valueOf("sealed")).isEqualTo("t1");
        assertThat(valueOf("head")).isEqualTo("c9");
    }

    @Test
    void writeConditionOfAbsenceFailsWhenTheKeyExists() {
        store.put(bytes("k"), bytes("v"));

        WriteBatch.Outcome outcome = store.write(new WriteBatch().expect(bytes("k"), null).put(bytes("other"), bytes("x")));

        assertThat(outcome).isEqualTo(WriteBatch.Outcome.CONDITION_FAILED);
        assertThat(store.get(bytes("other"))).isEmpty();
    }

    @Test
    void writeConditionsSeeTheStateBeforeTheBatch() {
        store.put(bytes("k"), bytes("old"));

        WriteBatch.Outcome outcome = store.write(new WriteBatch().put(bytes("k"), bytes("new")).expect(bytes("k"), bytes("old")));

        assertThat(outcome).isEqualTo(WriteBatch.Outcome.APPLIED);
        assertThat(valueOf("k")).isEqualTo("new");
    }

    @Test
    void writeConditionOnAValueWrittenEarlierInTheBatchFails() {
        WriteBatch.Outcome outcome = store.write(new WriteBatch().put(bytes("k"), bytes("new")).expect(bytes("k"), bytes("new")));

        assertThat(outcome).isEqualTo(WriteBatch.Outcome.CONDITION_FAILED);
        assertThat(store.get(bytes("k"))).isEmpty();
    }

    @Test
    void writeAppliesOperationsInOrderSoTheLaterOneOnAKeyWins() {
        store.put(bytes("c"), bytes("old"));

        store.write(new WriteBatch()
                .put(bytes("a"), bytes("1")).put(bytes("a"), bytes("2"))
                .put(bytes("b"), bytes("1")).delete(bytes("b"))
                .delete(bytes("c")).put(bytes("c"), bytes("3")));

        assertThat(valueOf("a")).isEqualTo("2");
        assertThat(store.get(bytes("b"))).isEmpty();
        assertThat(valueOf("c")).isEqualTo("3");
    }

    @Test
    void writeOfAnEmptyBatchIsAppliedAndChangesNothing() {
        store.put(bytes("k"), bytes("v"));

        assertThat(store.write(new WriteBatch())).isEqualTo(WriteBatch.Outcome.APPLIED);
        assertThat(scanKeys("", null)).containsExactly("k");
    }

    @Test
    void writeOfOnlyHoldingConditionsIsAppliedAndChangesNothing() {
        store.put(bytes("k"), bytes("v"));

        WriteBatch.Outcome outcome = store.write(new WriteBatch().expect(bytes("k"), bytes("v")).expect(bytes("x"), null));

        assertThat(outcome).isEqualTo(WriteBatch.Outcome.APPLIED);
        assertThat(scanKeys("", null)).containsExactly("k");
    }

    @Test
    void writeDeletingAMissingKeySucceeds() {
        assertThat(store.write(new WriteBatch().delete(bytes("missing")))).isEqualTo(WriteBatch.Outcome.APPLIED);
    }

    // ---- scan ---------------------------------------------------------------------------------

    @Test
    void scanReturnsTheKeysWithThePrefixInAscendingOrder() {
        putAll("b/2", "a/1", "b/1", "c/1", "b/10", "b", "ba/1");

        assertThat(scanKeys("b/", null)).containsExactly("b/1", "b/10", "b/2");
    }

    @Test
    void scanReturnsTheValues() {
        store.put(bytes("p/a"), bytes("1"));
        store.put(bytes("p/b"), bytes("2"));

        try (Stream<KeyValue> entries = store.scan(bytes("p/"), null)) {
            assertThat(entries.toList()).containsExactly(
                    new KeyValue(bytes("p/a"), bytes("1")), new KeyValue(bytes("p/b"), bytes("2")));
        }
    }

    @Test
    void scanIncludesAKeyEqualToThePrefix() {
        putAll("ab", "a", "abc", "b");

        assertThat(scanKeys("ab", null)).containsExactly("ab", "abc");
    }

    @Test
    void scanWithAnEmptyPrefixReturnsEveryKey() {
        putAll("c", "a", "b");

        assertThat(scanKeys("", null)).containsExactly("a", "b", "c");
    }

    @Test
    void scanWithoutAMatchIsEmpty() {
        putAll("a/1", "c/1");

        assertThat(scanKeys("b/", null)).isEmpty();
    }

    @Test
    void scanOfAnEmptyStoreIsEmpty() {
        assertThat(scanKeys("", null)).isEmpty();
    }

    @Test
    void scanWithAPrefixLongerThanAnyKeyIsEmpty() {
        putAll("a");

        try (Stream<KeyValue> entries = store.scan(pattern(MetadataStore.MAX_KEY_BYTES + 1, 'a'), null)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void scanStartsStrictlyAfterStartAfter() {
        putAll("p/1", "p/2", "p/3");

        assertThat(scanKeys("p/", "p/1")).containsExactly("p/2", "p/3");
    }

    @Test
    void scanStartAfterNeedNotBeAStoredKey() {
        putAll("p/1", "p/3", "p/5");

        assertThat(scanKeys("p/", "p/2")).containsExactly("p/3", "p/5");
    }

    @Test
    void scanStartAfterBelowThePrefixStartsAtThePrefix() {
        putAll("a", "p", "p/1", "p/2");

        assertThat(scanKeys("p/", "a")).containsExactly("p/1", "p/2");
    }

    @Test
    void scanStartAfterAboveThePrefixIsEmpty() {
        putAll("p/1", "p/2", "q");

        assertThat(scanKeys("p/", "p0")).isEmpty();
    }

    @Test
    void scanStartAfterTheLastKeyIsEmpty() {
        putAll("p/1", "p/2");

        assertThat(scanKeys("p/", "p/2")).isEmpty();
    }

    @Test
    void scanStartAfterLongerThanAnyKeyReturnsTheGreaterKeys() {
        byte[] longest = pattern(MetadataStore.MAX_KEY_BYTES, 'm');
        store.put(longest, bytes("v"));
        store.put(bytes("z"), bytes("v"));
        byte[] beyondLongest = Arrays.copyOf(longest, longest.length + 10);

        try (Stream<KeyValue> entries = store.scan(new byte[0], beyondLongest)) {
            assertThat(entries.map(e -> new String(e.key(), UTF_8))).containsExactly("z");
        }
    }

    @Test
    void scanOrdersBytesAsUnsigned() {
        for (int b : new int[] {0xFF, 0x80, 0x00, 0x7F, 0x01}) {
            store.put(raw(0x10, b), bytes("v"));
        }

        assertThat(scanHex(raw(0x10), null)).containsExactly("1000", "1001", "107f", "1080", "10ff");
    }

    @Test
    void scanOrdersAKeyBeforeTheKeysItIsAPrefixOf() {
        for (byte[] key : List.of(raw(0x61, 0x01), raw(0x61, 0x00, 0x00), raw(0x62), raw(0x61, 0xFF), raw(0x61), raw(0x61, 0x00))) {
            store.put(key, bytes("v"));
        }

        assertThat(scanHex(new byte[0], null)).containsExactly("61", "6100", "610000", "6101", "61ff", "62");
    }

    @Test
    void scanWithAPrefixOfFfBytesReturnsExactlyItsKeys() {
        for (byte[] key : List.of(raw(0xFF), raw(0xFF, 0xFF), raw(0xFF, 0xFF, 0x00), raw(0xFF, 0xFF, 0xFF), raw(0xFF, 0xFE, 0xFF))) {
            store.put(key, bytes("v"));
        }

        assertThat(scanHex(raw(0xFF, 0xFF), null)).containsExactly("ffff", "ffff00", "ffffff");
    }

    @Test
    void scanReturnsFarMoreEntriesThanOneReadChunkInOrder() {
        List<String> keys = numberedKeys("many/", 2_000);
        WriteBatch batch = new WriteBatch();
        keys.forEach(k -> batch.put(bytes(k), bytes("value of " + k)));
        batch.put(bytes("many0"), bytes("outside"));
        store.write(batch);

        try (Stream<KeyValue> entries = store.scan(bytes("many/"), null)) {
            List<KeyValue> all = entries.toList();
            assertThat(all).extracting(e -> new String(e.key(), UTF_8)).containsExactlyElementsOf(keys);
            assertThat(all).allSatisfy(e -> assertThat(new String(e.value(), UTF_8)).isEqualTo("value of " + new String(e.key(), UTF_8)));
        }
    }

    @Test
    void scanFromTheMiddleOfManyEntriesReturnsTheRestInOrder() {
        List<String> keys = numberedKeys("many/", 2_000);
        WriteBatch batch = new WriteBatch();
        keys.forEach(k -> batch.put(bytes(k), bytes("v")));
        store.write(batch);

        assertThat(scanKeys("many/", keys.get(999))).containsExactlyElementsOf(keys.subList(1_000, 2_000));
    }

    @Test
    void scanDoesNotReturnDeletedKeys() {
        putAll("p/1", "p/2", "p/3");
        store.delete(bytes("p/2"));

        assertThat(scanKeys("p/", null)).containsExactly("p/1", "p/3");
    }

    @Test
    void scanIsNotAffectedByChangesToTheCallersPrefixArray() {
        putAll("p/1", "q/1");
        byte[] prefix = bytes("p/");

        try (Stream<KeyValue> entries = store.scan(prefix, null)) {
            prefix[0] = 'q';
            assertThat(entries.map(e -> new String(e.key(), UTF_8))).containsExactly("p/1");
        }
    }

    // ---- keys ---------------------------------------------------------------------------------

    @Test
    void keysOfOneToMaxKeyBytesAreAccepted() {
        byte[] shortest = raw(0x00);
        byte[] longest = pattern(MetadataStore.MAX_KEY_BYTES, 'k');
        store.put(shortest, bytes("1"));
        store.put(longest, bytes("511"));

        assertThat(store.get(shortest)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("1")));
        assertThat(store.get(longest)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("511")));
        assertThat(scanHex(new byte[0], null)).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tarn.graveler.meta.AbstractMetadataStoreTest#keyOperations")
    void anEmptyKeyIsRejectedNamingItsLength(BiConsumer<MetadataStore, byte[]> operation) {
        assertThatThrownBy(() -> operation.accept(store, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 bytes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tarn.graveler.meta.AbstractMetadataStoreTest#keyOperations")
    void aKeyLongerThanMaxKeyBytesIsRejectedNamingItsLength(BiConsumer<MetadataStore, byte[]> operation) {
        byte[] tooLong = pattern(MetadataStore.MAX_KEY_BYTES + 1, 'k');

        assertThatThrownBy(() -> operation.accept(store, tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("512 bytes");
    }

    static Stream<Named<BiConsumer<MetadataStore, byte[]>>> keyOperations() {
        return Stream.of(
                Named.of("get", (s, k) -> s.get(k)),
                Named.of("put", (s, k) -> s.put(k, bytes("v"))),
                Named.of("delete", (s, k) -> s.delete(k)),
                Named.of("compareAndSwap", (s, k) -> s.compareAndSwap(k, null, bytes("v"))),
                Named.of("batch put", (s, k) -> s.write(new WriteBatch().put(k, bytes("v")))),
                Named.of("batch delete", (s, k) -> s.write(new WriteBatch().delete(k))),
                Named.of("batch expect", (s, k) -> s.write(new WriteBatch().expect(k, null))));
    }

    @Test
    void aBatchWithAnInvalidKeyAppliesNothing() {
        WriteBatch batch = new WriteBatch().put(bytes("valid"), bytes("v")).put(new byte[0], bytes("v"));

        assertThatThrownBy(() -> store.write(batch)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get(bytes("valid"))).isEmpty();
    }

    // ---- persistence and closing --------------------------------------------------------------

    @Test
    void reopeningKeepsEveryWrite() {
        store.put(bytes("put"), bytes("1"));
        store.put(bytes("deleted"), bytes("x"));
        store.delete(bytes("deleted"));
        store.compareAndSwap(bytes("swapped"), null, bytes("2"));
        store.write(new WriteBatch().put(bytes("batch/a"), bytes("3")).put(bytes("batch/b"), bytes("4")));

        store = closeAndReopen(store);

        assertThat(scanKeys("", null)).containsExactly("batch/a", "batch/b", "put", "swapped");
        assertThat(List.of(valueOf("put"), valueOf("swapped"), valueOf("batch/a"), valueOf("batch/b")))
                .containsExactly("1", "2", "3", "4");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tarn.graveler.meta.AbstractMetadataStoreTest#everyOperation")
    void everyCallAfterCloseFailsWithIllegalState(Consumer<MetadataStore> operation) {
        store.put(bytes("k"), bytes("v"));
        store.close();

        assertThatThrownBy(() -> operation.accept(store)).isInstanceOf(IllegalStateException.class);
    }

    static Stream<Named<Consumer<MetadataStore>>> everyOperation() {
        return Stream.of(
                Named.of("get", s -> s.get(bytes("k"))),
                Named.of("put", s -> s.put(bytes("k"), bytes("v"))),
                Named.of("delete", s -> s.delete(bytes("k"))),
                Named.of("compareAndSwap", s -> s.compareAndSwap(bytes("k"), bytes("v"), bytes("w"))),
                Named.of("write", s -> s.write(new WriteBatch().put(bytes("k"), bytes("w")))),
                Named.of("write of an empty batch", s -> s.write(new WriteBatch())),
                Named.of("scan", s -> {
                    try (Stream<KeyValue> entries = s.scan(bytes(""), null)) {
                        entries.forEach(e -> { });
                    }
                }));
    }

    @Test
    void closeIsIdempotent() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.get(bytes("k"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aScanOpenWhileWritingDoesNotBlockTheWriter() {
        putAll(numberedKeys("p/", 1_000).toArray(String[]::new));

        try (Stream<KeyValue> entries = store.scan(bytes("p/"), null)) {
            Iterator<KeyValue> iterator = entries.iterator();
            iterator.next();
            store.put(bytes("p/written-during-scan"), bytes("v"));
            store.delete(bytes("p/0999"));
            iterator.forEachRemaining(e -> { });
        }

        assertThat(valueOf("p/written-during-scan")).isEqualTo("v");
    }

    // ---- concurrency --------------------------------------------------------------------------

    @Test
    @Timeout(60)
    void concurrentCompareAndSwapIncrementsLoseNoUpdate() throws Exception {
        int threads = 8;
        int incrementsPerThread = 25;
        byte[] counter = bytes("counter");
        store.put(counter, bytes("0"));
        AtomicInteger swaps = new AtomicInteger();

        runConcurrently(threads, thread -> {
            for (int done = 0; done < incrementsPerThread; ) {
                byte[] current = store.get(counter).orElseThrow();
                byte[] next = bytes(Integer.toString(Integer.parseInt(new String(current, UTF_8)) + 1));
                if (store.compareAndSwap(counter, current, next)) {
                    swaps.incrementAndGet();
                    done++;
                }
            }
        });

        assertThat(swaps).hasValue(threads * incrementsPerThread);
        assertThat(valueOf("counter")).isEqualTo(Integer.toString(threads * incrementsPerThread));
    }

    @Test
    @Timeout(60)
    void concurrentBatchesEachApplyWholly() throws Exception {
        int threads = 4;
        int batchesPerThread = 25;

        runConcurrently(threads, thread -> {
            for (int i = 0; i < batchesPerThread; i++) {
                String id = thread + "-" + i;
                WriteBatch batch = new WriteBatch().expect(bytes("batch/" + id + "/a"), null);
                for (String part : List.of("a", "b", "c")) {
                    batch.put(bytes("batch/" + id + "/" + part), bytes(id));
                }
                assertThat(store.write(batch)).isEqualTo(WriteBatch.Outcome.APPLIED);
            }
        });

        assertThat(scanKeys("batch/", null)).hasSize(threads * batchesPerThread * 3);
    }

    @Test
    @Timeout(60)
    void aScanWhileOthersWriteReturnsEachKeyOnceInAscendingOrderIncludingEveryUntouchedKey() throws Exception {
        // Stable keys end in 0 and are only overwritten; the writer also adds and removes keys ending
        // in 5 between them. The scanner waits for a write every 100 entries, so writes land mid-scan.
        List<String> stable = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            stable.add(String.format("s/%04d0", i));
        }
        putAll(stable.toArray(String[]::new));
        AtomicBoolean scanning = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = writer.submit(() -> {
                for (int i = 0; scanning.get(); i++) {
                    byte[] key = bytes(String.format("s/%04d5", (i * 7919) % 1_000));
                    if (i % 3 == 2) {
                        store.delete(key);
                    } else {
                        store.write(new WriteBatch().put(key, bytes("v" + i)).put(bytes(stable.get(i % 1_000)), bytes("v" + i)));
                    }
                    writes.incrementAndGet();
                }
                return null;
            });
            for (int scan = 0; scan < 10; scan++) {
                List<String> keys = new ArrayList<>();
                try (Stream<KeyValue> entries = store.scan(bytes("s/"), null)) {
                    entries.forEach(e -> {
                        keys.add(new String(e.key(), UTF_8));
                        if (keys.size() % 100 == 0) {
                            awaitChange(writes);
                        }
                    });
                }
                assertThat(keys).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates().containsAll(stable);
            }
            scanning.set(false);
            writing.get(30, TimeUnit.SECONDS);
        } finally {
            scanning.set(false);
            writer.shutdownNow();
        }
    }

    private static void awaitChange(AtomicInteger counter) {
        int seen = counter.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.get() == seen) {
            assertThat(System.nanoTime()).as("a write within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(100_000);
        }
    }

    @Test
    @Timeout(60)
    void closeWhileOthersWriteKeepsEveryAcknowledgedWriteAndRejectsTheRest() throws Exception {
        int threads = 4;
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch enoughWritten = new CountDownLatch(100);
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.execute(() -> {
                for (int i = 0; ; i++) {
                    String key = "w/" + thread + "/" + i;
                    try {
                        store.put(bytes(key), bytes(key));
                    } catch (IllegalStateException closed) {
                        return;
                    } catch (RuntimeException | Error failure) {
                        unexpected.add(failure);
                        return;
                    }
                    acknowledged.add(key);
                    enoughWritten.countDown();
                }
            });
        }
        assertThat(enoughWritten.await(30, TimeUnit.SECONDS)).isTrue();

        store.close();
        writers.shutdown();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        store = closeAndReopen(store);

        assertThat(unexpected).isEmpty();
        assertThat(scanKeys("w/", null)).containsAll(acknowledged);
    }

    /** Runs {@code body} on {@code threads} threads started together; rethrows the first failure. */
    protected static void runConcurrently(int threads, ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<Void> future : futures) {
                try {
                    future.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The work of one of {@link #runConcurrently}'s threads. */
    @FunctionalInterface
    protected interface ThreadBody {
        void run(int thread) throws Exception;
    }

    // ---- helpers ------------------------------------------------------------------------------

    protected static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** Bytes given as unsigned values, 0 to 255. */
    protected static byte[] raw(int... unsigned) {
        byte[] bytes = new byte[unsigned.length];
        for (int i = 0; i < unsigned.length; i++) {
            bytes[i] = (byte) unsigned[i];
        }
        return bytes;
    }

    /** {@code length} bytes, counting up from {@code seed}. */
    protected static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i % 26);
        }
        return bytes;
    }

    /** {@code prefix0000}, {@code prefix0001}, …: ascending in byte order. */
    protected static List<String> numberedKeys(String prefix, int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(prefix + String.format("%04d", i));
        }
        return keys;
    }

    /** The value of {@code key} as UTF-8 text, or {@code null} if absent. */
    protected String valueOf(String key) {
        Optional<byte[]> value = store.get(bytes(key));
        return value.map(v -> new String(v, UTF_8)).orElse(null);
    }

    protected void putAll(String... keys) {
        WriteBatch batch = new WriteBatch();
        for (String key : keys) {
            batch.put(bytes(key), bytes("value of " + key));
        }
        assertThat(store.write(batch)).isEqualTo(WriteBatch.Outcome.APPLIED);
    }

    protected List<String> scanKeys(String prefix, String startAfter) {
        try (Stream<KeyValue> entries = store.scan(bytes(prefix), startAfter == null ? null : bytes(startAfter))) {
            return entries.map(e -> new String(e.key(), UTF_8)).toList();
        }
    }

    protected List<String> scanHex(byte[] prefix, byte[] startAfter) {
        try (Stream<KeyValue> entries = store.scan(prefix, startAfter)) {
            return entries.map(e -> HexFormat.of().formatHex(e.key())).toList();
        }
    }
}
