package io.tarn.graveler.committed;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page compression on aircompressor's pure-Java codecs. Parquet's own {@code CodecFactory}
 * goes through Hadoop's codec classes (and a full Hadoop {@code Configuration}) for SNAPPY and ZSTD,
 * or through zstd-jni and snappy-java, whose native libraries we do not ship (docs/adr/0001).
 *
 * <p>aircompressor's ZSTD has one level (about zstd's level 3), so a requested level is ignored.
 * Each compressor and decompressor reuses one input buffer from page to page and hands parquet fresh
 * arrays. Not thread-safe: use one factory per file, which is how parquet uses it.
 */
final class ParquetCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new PageCompressor(codec, null);
            case SNAPPY -> new PageCompressor(codec, new SnappyCompressor());
            case ZSTD -> new PageCompressor(codec, new ZstdCompressor());
            default -> throw new UnsupportedOperationException(
                    "Cannot compress with " + codec + ": Tarn writes ZSTD, SNAPPY or UNCOMPRESSED pages");
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec, int level) {
        return getCompressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new PageDecompressor(codec, null);
            case SNAPPY -> new PageDecompressor(codec, new SnappyDecompressor());
            case ZSTD -> new PageDecompressor(codec, new ZstdDecompressor());
            default -> throw new UnsupportedOperationException(
                    "Cannot decompress " + codec + " pages: Tarn reads ZSTD, SNAPPY or UNCOMPRESSED pages");
        };
    }

    @Override
    public void release() {
    }

    /** Compresses one page; {@code null} codec means UNCOMPRESSED. */
    private static final class PageCompressor implements BytesInputCompressor {
        private final CompressionCodecName name;
        private final Compressor codec;
        private final PageBuffer input = new PageBuffer();
        private byte[] output = new byte[0];

        PageCompressor(CompressionCodecName name, Compressor codec) {
            this.name = name;
            this.codec = codec;
        }

        @Override
        public BytesInput compress(BytesInput page) throws IOException {
            if (codec == null) {
                return page;
            }
            input.fill(page);
            int max = codec.maxCompressedLength(input.size());
            if (output.length < max) {
                output = new byte[max];
            }
            int n = codec.compress(input.array(), 0, input.size(), output, 0, max);
            // A copy: the buffer is reused for the next page, and what parquet keeps must not change.
            return BytesInput.from(Arrays.copyOf(output, n));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return name;
        }

        @Override
        public void release() {
        }
    }

    /** Decompresses one page; {@code null} codec means UNCOMPRESSED. */
    private static final class PageDecompressor implements BytesInputDecompressor {
        private final CompressionCodecName name;
        private final Decompressor codec;
        private final PageBuffer input = new PageBuffer();

        PageDecompressor(CompressionCodecName name, Decompressor codec) {
            this.name = name;
            this.codec = codec;
        }

        @Override
        public BytesInput decompress(BytesInput page, int uncompressedSize) throws IOException {
            if (codec == null) {
                return page;
            }
            input.fill(page);
            return BytesInput.from(decompress(input.array(), 0, input.size(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            if (codec == null) {
                output.put(input.duplicate().limit(input.position() + compressedSize));
                return;
            }
            byte[] bytes = new byte[compressedSize];
            input.duplicate().get(bytes);
            output.put(decompress(bytes, 0, compressedSize, uncompressedSize));
        }

        private byte[] decompress(byte[] input, int offset, int length, int uncompressedSize) throws IOException {
            byte[] output = new byte[uncompressedSize];
            int n;
            try {
                n = codec.decompress(input, offset, length, output, 0, uncompressedSize);
            } catch (MalformedInputException e) {
                throw new IOException("Cannot decompress a " + name + " page: " + e.getMessage(), e);
            }
            if (n != uncompressedSize) {
                throw new IOException("Cannot decompress a " + name + " page: it holds " + n
                        + " bytes, and its header says " + uncompressedSize);
            }
            return output;
        }

        @Override
        public void release() {
        }
    }

    /** A growable page buffer whose array is read in place. */
    private static final class PageBuffer extends ByteArrayOutputStream {
        void fill(BytesInput page) throws IOException {
            reset();
            page.writeAllTo(this);
        }

        byte[] array() {
            return buf;
        }
    }
}
