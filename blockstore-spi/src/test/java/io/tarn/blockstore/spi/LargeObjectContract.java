package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 1 GiB object goes in and out as a stream. The object is generated on the fly and compared on the
 * fly; neither the test nor (under the kit's heap cap) the store can hold it. Part of
 * {@link AbstractBlockStoreContractTest}.
 */
public interface LargeObjectContract extends BlockStoreFixture {
    long GIB = 1L << 30;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("a 1 GiB object streams in with its length announced and unknown, and streams back out, never held in memory")
    default void gibibyteObjectStreams() {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("max heap: run the contract kit with a heap below 1 GiB (plugins use -Xmx256m) so that this test proves streaming")
                .isLessThan(GIB);
        long seed = 0x7A24L;

        ObjectStat known = store().put(at("gib-known"), DeterministicBytes.stream(seed, GIB), GIB, PutOptions.DEFAULT);
        assertThat(known.size()).isEqualTo(GIB);
        String md5 = readComparingWithSequence(at("gib-known"), seed);
        assertThat(known.etag()).as("ETag against the MD5 of the bytes read back").isEqualTo(md5);
        assertThat(read(at("gib-known"), ByteRange.suffix(100))).isEqualTo(DeterministicBytes.slice(seed, GIB - 100, 100));
        assertThat(read(at("gib-known"), ByteRange.closed(GIB / 2 - 3, GIB / 2 + 3))).isEqualTo(DeterministicBytes.slice(seed, GIB / 2 - 3, 7));
        store().delete(at("gib-known"));

        ObjectStat unknown = store().put(at("gib-unknown"), DeterministicBytes.stream(seed, GIB), -1, PutOptions.DEFAULT);
        assertThat(unknown.size()).isEqualTo(GIB);
        assertThat(unknown.etag()).isEqualTo(md5);
        assertThat(readComparingWithSequence(at("gib-unknown"), seed)).isEqualTo(md5);
        store().delete(at("gib-unknown"));
    }

    /** Reads the object through, comparing each buffer with the regenerated sequence; returns the MD5 of what was read. */
    private String readComparingWithSequence(Location location, long seed) {
        MessageDigest md5 = Digests.messageDigest("MD5");
        byte[] buffer = new byte[1 << 16];
        byte[] expected = new byte[buffer.length];
        long offset = 0;
        try (InputStream in = store().get(location); InputStream sequence = DeterministicBytes.stream(seed, GIB)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int m = sequence.readNBytes(expected, 0, n);
                assertThat(m).as("bytes read beyond the expected length at offset %d", offset).isEqualTo(n);
                int mismatch = Arrays.mismatch(buffer, 0, n, expected, 0, n);
                assertThat(mismatch).as("first difference in the buffer at offset %d (-1: none)", offset).isEqualTo(-1);
                md5.update(buffer, 0, n);
                offset += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(offset).as("bytes read back").isEqualTo(GIB);
        return HexFormat.of().formatHex(md5.digest());
    }
}
