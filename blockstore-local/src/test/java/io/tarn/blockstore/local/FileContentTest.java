package io.tarn.blockstore.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.blockstore.spi.ByteRange;
import io.tarn.blockstore.spi.DeterministicBytes;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.PutOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An object read back as a channel (how the gateway sends it) yields the same bytes as read as a stream. */
class FileContentTest {
    private static final Location OBJECT = Location.of("local://ns/object");
    private static final byte[] DATA = DeterministicBytes.bytes(21, 300_000);

    @TempDir
    Path root;
    private LocalBlockStore store;

    @BeforeEach
    void open() {
        store = LocalBlockStore.open(new LocalBlockStoreConfig(root));
        store.put(OBJECT, new ByteArrayInputStream(DATA), DATA.length, PutOptions.DEFAULT);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] readAsChannel(InputStream in, int bufferSize) throws IOException {
        assertThat(in).isInstanceOf(ReadableByteChannel.class);
        ReadableByteChannel channel = (ReadableByteChannel) in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocateDirect(bufferSize);
        try (in) {
            while (channel.read(buffer.clear()) >= 0) {
                buffer.flip();
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk);
            }
            assertThat(channel.read(buffer.clear())).as("still at the end").isEqualTo(-1);
        }
        return out.toByteArray();
    }

    private static byte[] slice(int from, int to) {
        return java.util.Arrays.copyOfRange(DATA, from, to);
    }

    @Test
    @DisplayName("a whole object read as a channel, in buffers that do not divide its size, is all its bytes")
    void wholeObjectAsChannel() throws IOException {
        assertThat(readAsChannel(store.get(OBJECT), 64 * 1024)).isEqualTo(DATA);
    }

    @Test
    @DisplayName("a range read as a channel stops at the range's end, even with a larger buffer")
    void rangeAsChannel() throws IOException {
        assertThat(readAsChannel(store.get(OBJECT, ByteRange.closed(1000, 1999)), 4096)).isEqualTo(slice(1000, 2000));
        assertThat(readAsChannel(store.get(OBJECT, ByteRange.suffix(10)), 4096)).isEqualTo(slice(DATA.length - 10, DATA.length));
    }

    @Test
    @DisplayName("as a stream: single bytes, arrays, skips and available all respect the range")
    void rangeAsStream() throws IOException {
        try (InputStream in = store.get(OBJECT, ByteRange.closed(100, 199))) {
            assertThat(in.available()).isEqualTo(100);
            assertThat(in.read()).isEqualTo(DATA[100] & 0xFF);
            assertThat(in.skip(9)).isEqualTo(9);
            assertThat(in.read(new byte[5], 0, 0)).isZero();
            assertThat(in.readAllBytes()).isEqualTo(slice(110, 200));
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.skip(5)).isZero();
            assertThat(in.available()).isZero();
        }
    }
}
