package io.tarn.blockstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyFlushTest {
    @TempDir
    Path dir;

    @Test
    void aFlushPastTheThresholdLeavesTheBytesInPlace() throws Exception {
        Path file = dir.resolve("big");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             EarlyFlush flush = new EarlyFlush(out)) {
            ByteBuffer block = ByteBuffer.allocate(1 << 20);
            for (int i = 0; i < EarlyFlush.EVERY_BYTES / block.capacity() + 3; i++) {
                out.write(block.clear());
                flush.written(block.capacity());
            }
        }
        assertThat(Files.size(file)).isEqualTo(EarlyFlush.EVERY_BYTES + (3 << 20));
    }

    @Test
    void aFailedFlushFailsTheWrite() throws Exception {
        FileChannel out = FileChannel.open(dir.resolve("gone"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out.close();
        EarlyFlush flush = new EarlyFlush(out);
        flush.written((int) EarlyFlush.EVERY_BYTES);

        assertThatThrownBy(flush::close).isInstanceOf(ClosedChannelException.class);
    }
}
