package com.example.tarn.files;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.DigestingInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the store records about an object besides its bytes: the ETag and the checksums computed
 * while it was written. It is kept in the object's own file, in front of the bytes, so that the one
 * atomic rename that publishes the bytes publishes their ETag with them (a sidecar file would need a
 * second rename, and a crash between the two would pair new bytes with an old ETag).
 *
 * <p>The header is exactly {@value #SIZE} bytes of US-ASCII text, readable with {@code head -c 512}.
 * For the bytes {@code The quick brown fox jumps over the lazy dog}, written with a CRC32C asked
 * for, it is
 *
 * <pre>
 * tarn-files-blockstore 1
 * etag=9e107d9d372bb6826bd81d3542a419d6
 * crc32c=ImIEBA==
 * </pre>
 *
 * followed by newlines up to {@value #SIZE} bytes; the object's bytes start right after. The ETag is
 * the lower-case hex MD5 and each checksum line is {@code <algorithm>=<base64>}, as
 * {@link DigestingInputStream} computes them. The object's size is the file's size minus
 * {@value #SIZE}, and its modification time the file's.
 *
 * @param etag lower-case hex MD5 of the object's bytes
 * @param checksums the checksums asked for when it was written
 */
record ObjectHeader(String etag, Map<ChecksumAlgorithm, String> checksums) {
    /** The header's length: the offset of the object's first byte in its file. */
    static final int SIZE = 512;
    private static final String MAGIC = "tarn-files-blockstore 1";

    ObjectHeader {
        Objects.requireNonNull(etag, "etag");
        checksums = Map.copyOf(checksums);
    }

    /** The header for what a {@link DigestingInputStream} computed. */
    static ObjectHeader of(DigestingInputStream.Digest digest) {
        return new ObjectHeader(digest.etag(), digest.checksums());
    }

    /** Writes the header at the start of {@code file}, whose first {@value #SIZE} bytes were left for it. */
    void writeTo(FileChannel file) throws IOException {
        StringBuilder text = new StringBuilder(MAGIC).append('\n').append("etag=").append(etag).append('\n');
        new TreeMap<>(checksums).forEach((algorithm, value) -> text.append(algorithm.headerName()).append('=').append(value).append('\n'));
        byte[] bytes = Arrays.copyOf(text.toString().getBytes(US_ASCII), SIZE);
        // Every algorithm at once takes under 200 bytes; the rest is padding.
        Arrays.fill(bytes, text.length(), SIZE, (byte) '\n');
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            file.write(buffer, buffer.position());
        }
    }

    /**
     * Reads the header at the start of {@code file}.
     *
     * @return the header, or {@code null} when the file does not start with one (it was not written
     *     by this store, or is a file left behind by some other program)
     */
    static ObjectHeader readFrom(FileChannel file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        while (buffer.hasRemaining() && file.read(buffer, buffer.position()) >= 0) {
            // Keep reading: a positional read may return fewer bytes than asked.
        }
        String[] lines = new String(buffer.array(), 0, buffer.position(), US_ASCII).split("\n");
        if (buffer.hasRemaining() || lines.length == 0 || !lines[0].equals(MAGIC)) {
            return null;
        }
        String etag = null;
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        for (int i = 1; i < lines.length; i++) {
            int equals = lines[i].indexOf('=');
            if (equals <= 0) {
                return null;
            }
            String name = lines[i].substring(0, equals);
            String value = lines[i].substring(equals + 1);
            if (name.equals("etag")) {
                etag = value;
            } else {
                try {
                    checksums.put(ChecksumAlgorithm.parse(name), value);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return etag == null ? null : new ObjectHeader(etag, checksums);
    }
}
