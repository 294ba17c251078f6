package io.tarn.blockstore.local;

import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.DigestingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An object's bytes written completely to a temporary file, ready to be renamed into place: hashed
 * while written through a fixed buffer (never held in memory), ETag and checksums attached as
 * extended attributes, and fsynced. When writing fails the temporary file is removed.
 *
 * @param path the temporary file
 * @param size its length
 * @param etag lower-case hex, as recorded in its attributes
 * @param checksums as recorded in its attributes
 * @param lastModified its modification time
 */
record StagedFile(Path path, long size, String etag, Map<ChecksumAlgorithm, String> checksums, Instant lastModified) {
    private static final int BUFFER_BYTES = 256 << 10;

    StagedFile {
        checksums = Map.copyOf(checksums);
    }

    /**
     * Streams {@code data} into {@code temp}, which must not exist.
     *
     * @param length the announced length, or {@code -1}; a stream of another length fails
     */
    static StagedFile write(Path temp, InputStream data, long length, Set<ChecksumAlgorithm> checksums) throws IOException {
        try (FileChannel out = create(temp)) {
            DigestingInputStream in = new DigestingInputStream(data, length, checksums);
            DigestingInputStream.Digest digest;
            try (EarlyFlush flush = new EarlyFlush(out)) {
                // Whole blocks of the digesting stream's own, written while they are hashed: a request
                // body arrives in chunks of a few KiB, and one write per chunk would cost a system call
                // (and a copy into the JDK's direct buffer) each.
                DigestingInputStream.Block block;
                while ((block = in.readBlock()) != null) {
                    writeFully(out, ByteBuffer.wrap(block.bytes(), 0, block.length()));
                    flush.written(block.length());
                }
                digest = in.finish();
            }
            return seal(temp, out, digest.size(), digest.etag(), digest.checksums());
        } catch (IOException | RuntimeException | Error e) {
            RootDirectory.deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * Concatenates {@code sources} into {@code temp}, which must not exist, computing
     * {@code checksums} over the result and recording {@code etag} (a multipart ETag cannot be
     * computed from the bytes).
     */
    static StagedFile concatenate(Path temp, List<Path> sources, String etag, Set<ChecksumAlgorithm> checksums) throws IOException {
        Map<ChecksumAlgorithm, ChecksumAlgorithm.Hasher> hashers = new EnumMap<>(ChecksumAlgorithm.class);
        checksums.forEach(algorithm -> hashers.put(algorithm, algorithm.newHasher()));
        try (FileChannel out = create(temp)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
            long size = 0;
            for (Path source : sources) {
                try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                    while (in.read(buffer.clear()) >= 0) {
                        buffer.flip();
                        hashers.values().forEach(h -> h.update(buffer.array(), 0, buffer.limit()));
                        size += buffer.remaining();
                        writeFully(out, buffer);
                    }
                }
            }
            Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
            hashers.forEach((algorithm, hasher) -> values.put(algorithm, hasher.finishBase64()));
            return seal(temp, out, size, etag, values);
        } catch (IOException | RuntimeException | Error e) {
            RootDirectory.deleteQuietly(temp);
            throw e;
        }
    }

    private static FileChannel create(Path temp) throws IOException {
        return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    private static StagedFile seal(Path temp, FileChannel out, long size, String etag, Map<ChecksumAlgorithm, String> checksums) throws IOException {
        ObjectAttributes.write(temp, etag, checksums);
        // One fsync covers the bytes and the attributes (inode metadata).
        out.force(true);
        Instant lastModified = Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toInstant();
        return new StagedFile(temp, size, etag, checksums, lastModified);
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
