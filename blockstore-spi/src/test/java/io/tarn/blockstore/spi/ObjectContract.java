package io.tarn.blockstore.spi;

import static io.tarn.blockstore.spi.BlockStoreFixture.assertSameBytes;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing, reading and stat-ing whole objects. Part of {@link AbstractBlockStoreContractTest}. */
public interface ObjectContract extends BlockStoreFixture {
    int MIB = 1 << 20;
    /** How far a backend's clock may be from the test's. */
    Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);

    @ParameterizedTest(name = "an object of {0} bytes written with its length announced reads back byte for byte")
    @ValueSource(ints = {0, 1, 5 * MIB})
    default void roundTripWithKnownLength(int size) {
        byte[] data = DeterministicBytes.bytes(size, size);
        Location location = at("object");

        ObjectStat written = store().put(location, new ByteArrayInputStream(data), size, PutOptions.DEFAULT);

        assertThat(written.location()).isEqualTo(location);
        assertThat(written.size()).isEqualTo(size);
        assertThat(written.etag()).isEqualTo(Digests.md5Hex(data));
        assertSameBytes(read(location), data);
    }

    @ParameterizedTest(name = "an object of {0} bytes written with its length unknown reads back byte for byte")
    @ValueSource(ints = {0, 1, 5 * MIB})
    default void roundTripWithUnknownLength(int size) {
        byte[] data = DeterministicBytes.bytes(size + 1, size);
        Location location = at("object");

        ObjectStat written = store().put(location, new ByteArrayInputStream(data), -1, PutOptions.DEFAULT);

        assertThat(written.size()).isEqualTo(size);
        assertThat(written.etag()).isEqualTo(Digests.md5Hex(data));
        assertSameBytes(read(location), data);
    }

    @ParameterizedTest(name = "a requested {0} checksum is returned by put and recorded for stat")
    @EnumSource(ChecksumAlgorithm.class)
    default void requestedChecksumIsReturnedAndRecorded(ChecksumAlgorithm algorithm) {
        byte[] data = DeterministicBytes.bytes(11, 300_001);
        Location location = at("checked");

        ObjectStat written = store().put(location, new ByteArrayInputStream(data), data.length, PutOptions.withChecksums(Set.of(algorithm)));

        String expected = Digests.expected(algorithm, data);
        assertThat(written.checksums()).containsEntry(algorithm, expected);
        assertThat(store().stat(location).checksums()).containsEntry(algorithm, expected);
    }

    @Test
    @DisplayName("all checksums requested at once are each returned and correct")
    default void allChecksumsAtOnce() {
        byte[] data = DeterministicBytes.bytes(12, 77_777);

        ObjectStat written = store().put(at("checked"), new ByteArrayInputStream(data), -1, PutOptions.withChecksums(EnumSet.allOf(ChecksumAlgorithm.class)));

        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            assertThat(written.checksums()).as(algorithm.name()).containsEntry(algorithm, Digests.expected(algorithm, data));
        }
    }

    @Test
    @DisplayName("CRC64NVME of \"123456789\" is the standard check value 0xAE8B14860A799888")
    default void crc64NvmeCheckValue() {
        byte[] data = "123456789".getBytes(US_ASCII);

        ObjectStat written = store().put(at("check-value"), new ByteArrayInputStream(data), data.length, PutOptions.withChecksums(Set.of(ChecksumAlgorithm.CRC64NVME)));

        assertThat(written.checksums()).containsEntry(ChecksumAlgorithm.CRC64NVME, Digests.base64(0xAE8B14860A799888L, 8));
    }

    @Test
    @DisplayName("stat reports size, ETag and a modification time near now")
    default void statReportsWhatWasWritten() {
        byte[] data = DeterministicBytes.bytes(13, 4321);
        Instant before = Instant.now();
        put(at("stat-me"), data);
        Instant after = Instant.now();

        ObjectStat stat = store().stat(at("stat-me"));

        assertThat(stat.location()).isEqualTo(at("stat-me"));
        assertThat(stat.size()).isEqualTo(4321);
        assertThat(stat.etag()).isEqualTo(Digests.md5Hex(data));
        assertThat(stat.lastModified()).isBetween(before.minus(CLOCK_TOLERANCE), after.plus(CLOCK_TOLERANCE));
    }

    @Test
    @DisplayName("stat of a missing object is ObjectNotFoundException naming the location")
    default void statOfMissing() {
        Location missing = at("missing");

        assertThatThrownBy(() -> store().stat(missing))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> assertThat(e.location()).isEqualTo(missing))
                .hasMessageContaining(missing.toString());
    }

    @Test
    @DisplayName("get of a missing object is ObjectNotFoundException naming the location")
    default void getOfMissing() {
        Location missing = at("missing");

        assertThatThrownBy(() -> store().get(missing).close())
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> assertThat(e.location()).isEqualTo(missing))
                .hasMessageContaining(missing.toString());
    }

    @Test
    @DisplayName("an object is found only under its exact key, not under a prefix or extension of it")
    default void exactKeyOnly() {
        put(at("dir/file"), new byte[] {1});

        assertThatThrownBy(() -> store().stat(at("dir"))).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store().stat(at("dir/"))).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store().stat(at("dir/fil"))).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store().stat(at("dir/file/"))).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    @DisplayName("a second put to a location replaces the first; stat and ETag reflect the second")
    default void overwriteWins() {
        byte[] first = DeterministicBytes.bytes(14, 1000);
        byte[] second = DeterministicBytes.bytes(15, 600);
        put(at("twice"), first);

        ObjectStat written = put(at("twice"), second);

        assertThat(written.etag()).isEqualTo(Digests.md5Hex(second));
        assertThat(read(at("twice"))).isEqualTo(second);
        ObjectStat stat = store().stat(at("twice"));
        assertThat(stat.size()).isEqualTo(600);
        assertThat(stat.etag()).isEqualTo(Digests.md5Hex(second));
    }

    @ParameterizedTest(name = "a stream of {1} bytes announced as {0} fails the put and stores nothing")
    @CsvSource({"1000, 999", "1000, 0", "1000, 1001", "0, 1", "1000, 5000"})
    default void lengthMismatchStoresNothing(long announced, int actual) {
        byte[] data = DeterministicBytes.bytes(16, actual);

        assertThatThrownBy(() -> store().put(at("mismatch"), new ByteArrayInputStream(data), announced, PutOptions.DEFAULT))
                .isInstanceOf(BlockStoreException.class);

        assertThatThrownBy(() -> store().stat(at("mismatch"))).isInstanceOf(ObjectNotFoundException.class);
        assertThat(keysIn(namespace())).isEmpty();
    }

    @ParameterizedTest(name = "a stream of {1} bytes announced as {0} leaves the existing object unchanged")
    @CsvSource({"1000, 999", "1000, 1001"})
    default void lengthMismatchKeepsPrevious(long announced, int actual) {
        byte[] previous = DeterministicBytes.bytes(17, 300);
        ObjectStat before = put(at("kept"), previous);
        byte[] data = DeterministicBytes.bytes(18, actual);

        assertThatThrownBy(() -> store().put(at("kept"), new ByteArrayInputStream(data), announced, PutOptions.DEFAULT))
                .isInstanceOf(BlockStoreException.class);

        assertThat(read(at("kept"))).isEqualTo(previous);
        assertThat(store().stat(at("kept")).etag()).isEqualTo(before.etag());
    }
}
