package com.example.tarn.files;

import io.tarn.blockstore.spi.DigestingInputStream;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Writes object files so that a put is all-or-nothing and durable, as the SPI requires.
 *
 * <ol>
 *   <li>The bytes stream through a {@link DigestingInputStream}, which computes the MD5 ETag and the
 *       requested checksums and fails a stream shorter or longer than announced, into a new file in
 *       {@code <root>/.tmp}, after {@value ObjectHeader#SIZE} bytes left for the header.
 *   <li>The header is written in front and the file fsynced.
 *   <li>The file is renamed atomically over the target, and the directories from the target's up to
 *       the root are fsynced, so the new name (and any directory just created for it) survives a crash.
 * </ol>
 *
 * A reader therefore sees the previous object or the complete new one, never a part. When anything
 * fails the temporary file is removed and the target is untouched. Two racing writes to one target
 * both succeed; the later rename wins. The temporary files live in one directory of the same file
 * system as the objects (a rename cannot cross file systems), whose name starts with a dot and so is
 * never the name of an encoded key. Thread-safe.
 */
final class ObjectFileWriter {
    private final Path root;
    private final Path temporaries;

    ObjectFileWriter(Path root) {
        this.root = root;
        this.temporaries = root.resolve(".tmp");
    }

    /** Where unfinished writes live; created when the store opens. */
    Path temporaries() {
        return temporaries;
    }

    /**
     * Streams {@code data} into a file published at {@code target}, or into nothing at all.
     *
     * @return the object's stat: size, ETag and checksums as computed, and when it was written
     */
    ObjectStat write(Location location, Path target, InputStream data, long length, PutOptions options) throws IOException {
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(temporaries, "put-", ".tmp");
            DigestingInputStream digesting = new DigestingInputStream(data, length, options.checksums());
            DigestingInputStream.Digest digest;
            try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                file.position(ObjectHeader.SIZE);
                digesting.transferTo(Channels.newOutputStream(file));
                digest = digesting.finish();
                ObjectHeader.of(digest).writeTo(file);
                file.force(true);
            }
            Instant lastModified = Files.getLastModifiedTime(temporary).toInstant();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
            syncDirectories(target.getParent());
            return new ObjectStat(location, digest.size(), digest.etag(), lastModified, digest.checksums());
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    /** Makes a renamed or removed entry in {@code directory}, and the directories above it, survive a crash. */
    void syncDirectories(Path directory) throws IOException {
        for (Path d = directory; d != null && d.startsWith(root); d = d.getParent()) {
            try (FileChannel channel = FileChannel.open(d, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover in .tmp is harmless: it is never listed and may be removed at any time.
        }
    }
}
