package com.example.tarn.files;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ByteRange;
import io.tarn.blockstore.spi.ListPage;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * A blockstore on a plain directory tree, for example an NFS mount: the core {@link BlockStore}
 * operations and no optional capability, which is all Tarn needs to keep repositories there.
 *
 * <ul>
 *   <li><b>Layout.</b> {@code files://<authority>/<path>} is a file below
 *       {@code blockstore.files.root}, named so that no key can leave the root ({@link FileLayout}).
 *       Its first {@value ObjectHeader#SIZE} bytes are the ETag and checksums ({@link ObjectHeader}),
 *       the object's bytes follow.
 *   <li><b>All-or-nothing, durable puts:</b> a temporary file, fsynced, then renamed atomically
 *       over the target ({@link ObjectFileWriter}).
 *   <li><b>Reads</b> open the file once and stream from it, so an object replaced or deleted
 *       meanwhile is still read whole, as it was when opened.
 *   <li><b>Delete</b> removes the file and leaves its (possibly empty) directories: removing them
 *       could race with a put creating a file in them.
 *   <li><b>Listing</b> is a sorted walk ({@link KeyOrderWalk}); it holds no state between pages.
 * </ul>
 *
 * <p>The store keeps nothing in memory: everything it knows is in the files. Errors follow the
 * SPI: {@link ObjectNotFoundException} for a missing object, {@link io.tarn.blockstore.spi.InvalidRangeException}
 * from {@link ByteRange#resolve}, and a plain {@link BlockStoreException} naming the location and the
 * I/O error otherwise. Thread-safe.
 */
public final class FilesBlockStore implements BlockStore {
    private final FileLayout layout;
    private final ObjectFileWriter writer;

    private FilesBlockStore(Path root) {
        this.layout = new FileLayout(root);
        this.writer = new ObjectFileWriter(root);
    }

    /**
     * Opens a store below {@code config.root()}, creating the directory and its {@code .tmp} if needed.
     *
     * @throws BlockStoreConfigException naming {@code blockstore.files.root} when it cannot be used
     */
    public static FilesBlockStore open(FilesBlockStoreConfig config) {
        FilesBlockStore store = new FilesBlockStore(config.root());
        try {
            Files.createDirectories(store.writer.temporaries());
        } catch (IOException e) {
            throw new BlockStoreConfigException("Cannot use blockstore.files.root '" + config.root() + "': " + e, e);
        }
        if (!Files.isWritable(store.writer.temporaries())) {
            throw new BlockStoreConfigException("Cannot use blockstore.files.root '" + config.root() + "': " + store.writer.temporaries() + " is not writable");
        }
        return store;
    }

    @Override
    public String type() {
        return "files";
    }

    @Override
    public ObjectStat put(Location location, InputStream data, long length, PutOptions options) {
        Path target = layout.fileOf(location);
        try {
            return writer.write(location, target, data, length, options);
        } catch (IOException e) {
            throw new BlockStoreException("Cannot write '" + location + "': " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream get(Location location) {
        return get(location, null);
    }

    @Override
    public InputStream get(Location location, ByteRange range) {
        FileChannel file = openExisting(location);
        boolean handedOut = false;
        try {
            if (ObjectHeader.readFrom(file) == null) {
                throw notOurs(location);
            }
            long size = file.size() - ObjectHeader.SIZE;
            ByteRange.Span span = range == null ? new ByteRange.Span(0, size) : range.resolve(size);
            InputStream bytes = Channels.newInputStream(new FileSlice(file, ObjectHeader.SIZE + span.offset(), span.length()));
            handedOut = true;
            return bytes;
        } catch (IOException e) {
            throw new BlockStoreException("Cannot read '" + location + "': " + e, e);
        } finally {
            if (!handedOut) {
                closeQuietly(file);
            }
        }
    }

    @Override
    public ObjectStat stat(Location location) {
        try {
            ObjectStat stat = statOf(location, layout.fileOf(location));
            if (stat == null) {
                throw notOurs(location);
            }
            return stat;
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(location);
        } catch (IOException e) {
            throw new BlockStoreException("Cannot stat '" + location + "': " + e, e);
        }
    }

    @Override
    public void delete(Location location) {
        Path file = layout.fileOf(location);
        try {
            if (Files.deleteIfExists(file)) {
                writer.syncDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new BlockStoreException("Cannot delete '" + location + "': " + e, e);
        }
    }

    @Override
    public ListPage list(Location prefix, Location startAfter, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("Invalid maxKeys " + maxKeys + ": expected 1 or more");
        }
        if (startAfter != null && !(startAfter.scheme().equals(prefix.scheme()) && startAfter.authority().equals(prefix.authority()))) {
            throw new IllegalArgumentException("Invalid start-after '" + startAfter + "': it is not in the listed authority '" + prefix + "'");
        }
        byte[] after = startAfter == null ? null : FileLayout.keyBytes(startAfter);
        try {
            // One more than asked for tells whether the page is truncated.
            List<ObjectStat> found = KeyOrderWalk.walk(layout.authorityDirectory(prefix), FileLayout.keyBytes(prefix), after, maxKeys + 1,
                    (file, key) -> listed(FileLayout.locationOf(prefix, key), file));
            boolean truncated = found.size() > maxKeys;
            return new ListPage(truncated ? found.subList(0, maxKeys) : found, truncated);
        } catch (IOException e) {
            throw new BlockStoreException("Cannot list '" + prefix + "': " + e, e);
        }
    }

    /** Nothing to release: every operation opens and closes its own files. */
    @Override
    public void close() {
        // No clients, threads or caches.
    }

    private ObjectStat listed(Location location, Path file) throws IOException {
        try {
            return statOf(location, file);
        } catch (NoSuchFileException e) {
            return null; // Deleted since its directory was read.
        }
    }

    /** The object's stat, or {@code null} when the file holds no header of this store. */
    private static ObjectStat statOf(Location location, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ObjectHeader header = ObjectHeader.readFrom(channel);
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            return header == null ? null : new ObjectStat(location, channel.size() - ObjectHeader.SIZE, header.etag(), modified, header.checksums());
        }
    }

    private FileChannel openExisting(Location location) {
        try {
            return FileChannel.open(layout.fileOf(location), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(location);
        } catch (IOException e) {
            throw new BlockStoreException("Cannot read '" + location + "': " + e, e);
        }
    }

    private static BlockStoreException notOurs(Location location) {
        return new BlockStoreException("Cannot read '" + location + "': its file does not start with a files blockstore header; was it written by another program?");
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // Already failing: the original error is the one to report.
        }
    }
}
