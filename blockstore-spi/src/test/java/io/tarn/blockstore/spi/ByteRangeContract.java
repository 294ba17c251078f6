package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading part of an object. Part of {@link AbstractBlockStoreContractTest}. */
public interface ByteRangeContract extends BlockStoreFixture {
    /** The size of the object the range tests read from. */
    int RANGED_SIZE = 1000;

    /** Writes the 1,000-byte object the range tests read from and returns its bytes. */
    private byte[] rangedObject() {
        byte[] data = DeterministicBytes.bytes(21, RANGED_SIZE);
        put(at("ranged"), data);
        return data;
    }

    @Test
    @DisplayName("bytes=0-0 is the first byte")
    default void firstByte() {
        byte[] data = rangedObject();

        assertThat(read(at("ranged"), ByteRange.closed(0, 0))).containsExactly(data[0]);
    }

    @Test
    @DisplayName("bytes=999-999 of 1,000 bytes is the last byte")
    default void lastByte() {
        byte[] data = rangedObject();

        assertThat(read(at("ranged"), ByteRange.closed(999, 999))).containsExactly(data[999]);
    }

    @Test
    @DisplayName("bytes=100-199 is exactly those 100 bytes")
    default void middleClosedRange() {
        byte[] data = rangedObject();

        assertThat(read(at("ranged"), ByteRange.closed(100, 199))).isEqualTo(Arrays.copyOfRange(data, 100, 200));
    }

    @Test
    @DisplayName("bytes=990- runs to the end")
    default void openEnded() {
        byte[] data = rangedObject();

        assertThat(read(at("ranged"), ByteRange.from(990))).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
    }

    @Test
    @DisplayName("bytes=0- is the whole object")
    default void openFromStart() {
        byte[] data = rangedObject();

        assertThat(read(at("ranged"), ByteRange.from(0))).isEqualTo(data);
    }

    @Test
    @DisplayName("bytes=-10 is the last 10 bytes")
    default void suffix() {
        byte[] data = rangedObject();

        assertThat(read(at("ranged"), ByteRange.suffix(10))).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
    }

    @Test
    @DisplayName("a suffix longer than the object is the whole object")
    default void suffixLongerThanObject() {
        byte[] data = rangedObject();

        assertThat(read(at("ranged"), ByteRange.suffix(5000))).isEqualTo(data);
    }

    @Test
    @DisplayName("a last byte past the end is clamped to the end")
    default void lastBytePastEndIsClamped() {
        byte[] data = rangedObject();

        assertThat(read(at("ranged"), ByteRange.closed(990, 5000))).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
    }

    @Test
    @DisplayName("a first byte at the end is InvalidRangeException naming range and size")
    default void firstByteAtEnd() {
        rangedObject();

        assertThatThrownBy(() -> store().get(at("ranged"), ByteRange.from(1000)).close())
                .isInstanceOfSatisfying(InvalidRangeException.class, e -> {
                    assertThat(e.range()).isEqualTo(ByteRange.from(1000));
                    assertThat(e.objectSize()).isEqualTo(1000);
                })
                .hasMessageContaining("bytes=1000-")
                .hasMessageContaining("1000 bytes");
    }

    @Test
    @DisplayName("a closed range entirely past the end is InvalidRangeException")
    default void rangePastEnd() {
        rangedObject();

        assertThatThrownBy(() -> store().get(at("ranged"), ByteRange.closed(2000, 3000)).close())
                .isInstanceOf(InvalidRangeException.class)
                .hasMessageContaining("bytes=2000-3000");
    }

    @Test
    @DisplayName("any range of an empty object is InvalidRangeException")
    default void rangeOfEmptyObject() {
        put(at("empty"), new byte[0]);

        for (ByteRange range : new ByteRange[] {ByteRange.closed(0, 0), ByteRange.from(0), ByteRange.suffix(1)}) {
            assertThatThrownBy(() -> store().get(at("empty"), range).close())
                    .as(range.toString())
                    .isInstanceOfSatisfying(InvalidRangeException.class, e -> assertThat(e.objectSize()).isZero());
        }
    }

    @Test
    @DisplayName("a range of a missing object is ObjectNotFoundException")
    default void rangeOfMissing() {
        assertThatThrownBy(() -> store().get(at("missing"), ByteRange.closed(0, 0)).close())
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> assertThat(e.location()).isEqualTo(at("missing")));
    }
}
