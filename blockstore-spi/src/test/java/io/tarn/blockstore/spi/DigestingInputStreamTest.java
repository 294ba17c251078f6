package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DigestingInputStreamTest {
    private static final byte[] DATA = DeterministicBytes.bytes(9, 70_000);

    @Test
    @DisplayName("a stream of the announced length yields size, ETag and checksums")
    void exactLength() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(DATA), DATA.length, EnumSet.allOf(ChecksumAlgorithm.class));

        byte[] passed = in.readAllBytes();
        DigestingInputStream.Digest digest = in.finish();

        assertThat(passed).isEqualTo(DATA);
        assertDigestOfAll(digest, DATA);
    }

    @Test
    @DisplayName("with an unknown length every byte passes")
    void unknownLength() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(DATA), -1, Set.of());

        assertThat(in.readAllBytes()).isEqualTo(DATA);
        assertThat(in.finish().size()).isEqualTo(DATA.length);
    }

    @Test
    @DisplayName("only the requested checksums are computed")
    void onlyRequestedChecksums() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(DATA), -1, Set.of(ChecksumAlgorithm.SHA1));
        in.readAllBytes();

        assertThat(in.finish().checksums()).containsOnlyKeys(ChecksumAlgorithm.SHA1);
    }

    @Test
    @DisplayName("a stream shorter than announced fails naming both numbers")
    void shortStreamFails() {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(DATA), DATA.length + 1L, Set.of());

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot read the object: expected 70001 bytes but the stream ended after 70000");
    }

    @Test
    @DisplayName("a stream longer than announced fails in the read that reaches the announced length")
    void longStreamFailsAtTheAnnouncedLength() {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(DATA), DATA.length - 1L, Set.of());

        // A consumer that reads exactly the announced length and stops must still see the failure.
        assertThatThrownBy(() -> in.readNBytes(DATA.length - 1))
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot read the object: expected 69999 bytes but the stream holds more");
    }

    @Test
    @DisplayName("the overlong check reads at most one byte past the announced length, however often asked")
    void overlongCheckReadsOneByte() throws IOException {
        ByteArrayInputStream source = new ByteArrayInputStream(DATA);
        DigestingInputStream in = new DigestingInputStream(source, 100, Set.of());
        in.readNBytes(99);

        assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isInstanceOf(IOException.class);
        assertThatThrownBy(in::finish).isInstanceOf(IOException.class);
        assertThat(DATA.length - source.available()).isEqualTo(101);
    }

    @Test
    @DisplayName("a stream of exactly the announced length is not read past its end")
    void exactLengthReadsNoFurther() throws IOException {
        CountingStream source = new CountingStream(new ByteArrayInputStream(DATA));
        DigestingInputStream in = new DigestingInputStream(source, DATA.length, Set.of());

        in.readAllBytes();
        in.finish();

        assertThat(source.count).isEqualTo(DATA.length);
    }

    @Test
    @DisplayName("an empty stream announced as empty is fine; any byte in it is too many")
    void emptyAnnounced() throws IOException {
        DigestingInputStream empty = new DigestingInputStream(InputStream.nullInputStream(), 0, Set.of());
        assertThat(empty.read()).isEqualTo(-1);
        assertThat(empty.finish().etag()).isEqualTo(Digests.md5Hex(new byte[0]));

        DigestingInputStream notEmpty = new DigestingInputStream(new ByteArrayInputStream(new byte[1]), 0, Set.of());
        assertThatThrownBy(notEmpty::read).isInstanceOf(IOException.class).hasMessageContaining("holds more");
    }

    @Test
    @DisplayName("finish reads what the caller left and still hashes all of it")
    void finishReadsTheRest() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(DATA), DATA.length, Set.of());
        in.readNBytes(10);

        DigestingInputStream.Digest digest = in.finish();

        assertThat(digest.size()).isEqualTo(DATA.length);
        assertThat(digest.etag()).isEqualTo(Digests.md5Hex(DATA));
    }

    @Test
    @DisplayName("single-byte reads hash and count like bulk reads")
    void singleByteReads() throws IOException {
        byte[] small = DeterministicBytes.bytes(1, 300);
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(small), small.length, Set.of());
        while (in.read() >= 0) {
            // drain one byte at a time
        }

        assertThat(in.count()).isEqualTo(small.length);
        assertThat(in.finish().etag()).isEqualTo(Digests.md5Hex(small));
    }

    @Test
    @DisplayName("skipping is refused: every byte must be hashed")
    void skipRefused() {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(DATA), -1, Set.of());

        assertThatThrownBy(() -> in.skip(5)).isInstanceOf(IOException.class).hasMessageStartingWith("Cannot skip");
        assertThat(in.markSupported()).isFalse();
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    @Test
    @DisplayName("past the inline bytes, digests from the background hasher equal those of the bytes, whatever the read sizes")
    void largeStreamsHashInTheBackground() throws IOException {
        byte[] data = DeterministicBytes.bytes(11, DigestingInputStream.INLINE_BYTES * 3 + 12_345);
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(data), data.length, EnumSet.allOf(ChecksumAlgorithm.class));
        byte[] passed = new byte[data.length];
        int at = 0;
        int[] sizes = {1, 7, 8192, DigestingInputStream.BUFFER_BYTES + 3, 65_536, 100_000};
        for (int i = 0; at < data.length; i++) {
            int n = in.read(passed, at, Math.min(sizes[i % sizes.length], data.length - at));
            assertThat(n).isPositive();
            at += n;
        }
        DigestingInputStream.Digest digest = in.finish();

        assertThat(passed).isEqualTo(data);
        assertDigestOfAll(digest, data);
    }

    @Test
    @DisplayName("a large stream of unknown length that the caller stops reading early is finished to its end")
    void largeStreamFinishedEarly() throws IOException {
        byte[] data = DeterministicBytes.bytes(12, DigestingInputStream.INLINE_BYTES + DigestingInputStream.BUFFER_BYTES * 20 + 1);
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(data), -1, Set.of(ChecksumAlgorithm.CRC32C));
        in.readNBytes(DigestingInputStream.INLINE_BYTES + 10);

        DigestingInputStream.Digest digest = in.finish();
        assertThat(digest.size()).isEqualTo(data.length);
        assertThat(digest.etag()).isEqualTo(Digests.md5Hex(data));
        assertThat(digest.checksums()).containsEntry(ChecksumAlgorithm.CRC32C, Digests.expected(ChecksumAlgorithm.CRC32C, data));
    }

    /** Yields at most {@code chunk} bytes a read, as a request body arrives. */
    private static InputStream trickle(byte[] data, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static byte[] readAllBlocks(DigestingInputStream in) throws IOException {
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        DigestingInputStream.Block block;
        while ((block = in.readBlock()) != null) {
            assertThat(block.length()).isBetween(1, DigestingInputStream.BUFFER_BYTES);
            passed.write(block.bytes(), 0, block.length());
        }
        return passed.toByteArray();
    }

    @Test
    @DisplayName("blocks lent by readBlock, inline and past it, hold every byte in order, and the digests match them")
    void blocksHoldEveryByte() throws IOException {
        byte[] data = DeterministicBytes.bytes(13, DigestingInputStream.INLINE_BYTES * 3 + 12_345);
        DigestingInputStream in = new DigestingInputStream(trickle(data, 8192), data.length, EnumSet.allOf(ChecksumAlgorithm.class));

        assertThat(readAllBlocks(in)).isEqualTo(data);
        assertThat(in.readBlock()).as("still at the end").isNull();
        DigestingInputStream.Digest digest = in.finish();
        assertDigestOfAll(digest, data);
    }

    @Test
    @DisplayName("no buffer is reused while the caller or the hasher still reads it: each block and the ETag match the bytes")
    void lentBlocksStayIntact() throws IOException {
        byte[] data = DeterministicBytes.bytes(14, DigestingInputStream.INLINE_BYTES + DigestingInputStream.BUFFER_BYTES * 40);
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(data), -1, Set.of());
        int at = 0;
        DigestingInputStream.Block block;
        while ((block = in.readBlock()) != null) {
            assertThat(Arrays.copyOf(block.bytes(), block.length())).isEqualTo(Arrays.copyOfRange(data, at, at + block.length()));
            at += block.length();
        }
        assertThat(at).isEqualTo(data.length);
        assertThat(in.finish().etag()).isEqualTo(Digests.md5Hex(data));
    }

    @Test
    @DisplayName("readBlock applies the length checks: a short stream and a long one fail naming the numbers")
    void blocksCheckTheLength() {
        byte[] data = DeterministicBytes.bytes(15, DigestingInputStream.INLINE_BYTES + 1000);
        DigestingInputStream shortIn = new DigestingInputStream(trickle(data, 65_536), data.length + 1L, Set.of());
        assertThatThrownBy(() -> readAllBlocks(shortIn))
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot read the object: expected " + (data.length + 1) + " bytes but the stream ended after " + data.length);
        DigestingInputStream longIn = new DigestingInputStream(trickle(data, 65_536), data.length - 1L, Set.of());
        assertThatThrownBy(() -> readAllBlocks(longIn))
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot read the object: expected " + (data.length - 1) + " bytes but the stream holds more");
    }

    @Test
    @DisplayName("a small object read by blocks comes in one block of its own size, with its digests and length checks")
    void smallObjectInBlocks() throws IOException {
        DigestingInputStream in = new DigestingInputStream(trickle(DATA, 4096), DATA.length, EnumSet.allOf(ChecksumAlgorithm.class));
        DigestingInputStream.Block block = in.readBlock();
        assertThat(block.bytes()).hasSize(DATA.length);
        assertThat(block.length()).isEqualTo(DATA.length);
        assertThat(in.readBlock()).isNull();
        assertDigestOfAll(in.finish(), DATA);

        DigestingInputStream shortIn = new DigestingInputStream(new ByteArrayInputStream(DATA), DATA.length + 1L, Set.of());
        assertThatThrownBy(() -> readAllBlocks(shortIn)).isInstanceOf(IOException.class).hasMessageContaining("ended after " + DATA.length);
        DigestingInputStream longIn = new DigestingInputStream(new ByteArrayInputStream(DATA), DATA.length - 1L, Set.of());
        assertThatThrownBy(() -> readAllBlocks(longIn)).isInstanceOf(IOException.class).hasMessageContaining("holds more");
    }

    @Test
    @DisplayName("background hashing runs its tasks one at a time, in the order handed over")
    void backgroundTasksRunInOrder() throws IOException {
        DigestingInputStream.InOrder tasks = new DigestingInputStream.InOrder();
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        for (int i = 0; i < 20_000; i++) {
            int task = i;
            tasks.run(() -> {
                if (!running.compareAndSet(false, true)) {
                    overlaps.incrementAndGet();
                }
                ran.add(task);
                running.set(false);
            }, () -> { });
        }
        tasks.await();

        assertThat(overlaps).hasValue(0);
        assertThat(ran).containsExactlyElementsOf(IntStream.range(0, 20_000).boxed().toList());
    }

    @Test
    @DisplayName("after a hashing task fails, later ones are skipped but still give their buffers back, and the wait fails naming the cause")
    void failedBackgroundTaskReleasesTheRest() {
        DigestingInputStream.InOrder tasks = new DigestingInputStream.InOrder();
        AtomicInteger worked = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        tasks.run(worked::incrementAndGet, released::incrementAndGet);
        tasks.run(() -> {
            throw new IllegalArgumentException("hasher broke");
        }, released::incrementAndGet);
        for (int i = 0; i < 5; i++) {
            tasks.run(worked::incrementAndGet, released::incrementAndGet);
        }

        assertThatThrownBy(tasks::await)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hasher broke");
        assertThat(worked).hasValue(1);
        assertThat(released).hasValue(7);
    }

    /** Size, ETag and every checksum, as computed from {@code data} directly. */
    private static void assertDigestOfAll(DigestingInputStream.Digest digest, byte[] data) {
        assertThat(digest.size()).isEqualTo(data.length);
        assertThat(digest.etag()).isEqualTo(Digests.md5Hex(data));
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            assertThat(digest.checksums()).containsEntry(algorithm, Digests.expected(algorithm, data));
        }
    }
}
