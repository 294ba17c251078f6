package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.tarn.blockstore.spi.BlockStoreConfigException;
import io.tarn.blockstore.spi.BlockStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The store's root directory: where each key's file is, and the file-system moves that keep every
 * access inside the root and every write durable.
 *
 * <p><b>Confinement.</b> Paths are built only from {@link KeyCodec} names, which never contain
 * {@code /} and are never {@code .} or {@code ..}. Symbolic links below the root are never followed:
 * every directory between the root and a file is checked with {@code NOFOLLOW_LINKS} before use,
 * files are opened with {@code NOFOLLOW_LINKS}, and a directory that turns out to be a link is
 * treated as absent for reads and refused for writes. These checks and the operations that follow
 * are not one atomic step; they defend against links placed in the root, not against a process racing
 * the store inside it (which could corrupt the data anyway).
 *
 * <p><b>Layout.</b> {@code .tmp} holds files being written (same file system, so renames are
 * atomic); {@code .multipart} holds uploads in progress. Their leading {@code .} keeps them apart
 * from keys.
 *
 * <p>Thread-safe.
 */
final class RootDirectory {
    static final String TEMP = ".tmp";
    static final String MULTIPART = ".multipart";
    /** Linux's PATH_MAX less the terminating NUL. */
    static final int MAX_PATH_BYTES = 4095;
    private static final Duration STALE_TEMP_AGE = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path root;
    private final int rootBytes;

    private RootDirectory(Path root) {
        this.root = root;
        this.rootBytes = root.toString().getBytes(UTF_8).length;
    }

    /**
     * Creates the root if needed and checks that it can be written and holds extended attributes.
     *
     * @throws BlockStoreConfigException naming the path when it cannot be created or used
     */
    static RootDirectory open(Path configured) {
        Path root;
        try {
            Files.createDirectories(configured);
            root = configured.toRealPath();
        } catch (IOException e) {
            throw new BlockStoreConfigException("Cannot create blockstore.local.root '" + configured + "': " + e, e);
        }
        RootDirectory directory = new RootDirectory(root);
        directory.createReserved(TEMP);
        directory.createReserved(MULTIPART);
        directory.probe();
        directory.removeStaleTemporaries();
        return directory;
    }

    Path path() {
        return root;
    }

    Path temporaries() {
        return root.resolve(TEMP);
    }

    Path uploads() {
        return root.resolve(MULTIPART);
    }

    /** A fresh, unused name in {@code .tmp}. */
    Path newTemporary() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return temporaries().resolve(HexFormat.of().formatHex(id) + ".tmp");
    }

    /**
     * Where the object with this key lives.
     *
     * @throws IllegalArgumentException naming the key when its path would be too long for the file system
     */
    Path fileOf(byte[] key) {
        List<String> names = KeyCodec.names(key);
        int length = rootBytes;
        Path file = root;
        for (String name : names) {
            length += 1 + name.length();
            file = file.resolve(name);
        }
        if (length > MAX_PATH_BYTES) {
            String shown = KeyCodec.keyString(key);
            throw new IllegalArgumentException("Invalid key '" + (shown == null ? "?" : KeyCodec.printable(shown)) + "': its file below the root would have a path of "
                    + length + " bytes, more than the " + MAX_PATH_BYTES + " the file system allows");
        }
        return file;
    }

    /**
     * The attributes of the object file at {@code file}, or {@code null} when there is no regular
     * file there reachable without following a link.
     */
    BasicFileAttributes objectAttributes(Path file) throws IOException {
        if (!hasRealParents(file)) {
            return null;
        }
        BasicFileAttributes attributes = attributesOrNull(file);
        return attributes != null && attributes.isRegularFile() ? attributes : null;
    }

    /** Whether every directory from the root down to {@code file}'s parent exists and is no link. */
    boolean hasRealParents(Path file) throws IOException {
        Path directory = root;
        for (Path name : root.relativize(file.getParent())) {
            directory = directory.resolve(name);
            BasicFileAttributes attributes = attributesOrNull(directory);
            if (attributes == null || !attributes.isDirectory()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Creates the directories from the root down to {@code file}'s parent, syncing each new one into
     * its parent.
     *
     * @throws NoSuchFileException when a concurrent delete pruned a directory on the way; retry
     * @throws BlockStoreException when one of them exists as something else than a directory (a link)
     */
    void createParents(Path file) throws IOException {
        Path directory = root;
        for (Path name : root.relativize(file.getParent())) {
            Path parent = directory;
            directory = directory.resolve(name);
            BasicFileAttributes attributes = attributesOrNull(directory);
            if (attributes == null) {
                try {
                    Files.createDirectory(directory);
                    syncDirectory(parent);
                    continue;
                } catch (FileAlreadyExistsException raced) {
                    attributes = attributesOrNull(directory);
                    if (attributes == null) {
                        // Created by another writer and pruned by a delete since: the caller retries.
                        throw new NoSuchFileException(directory.toString());
                    }
                }
            }
            if (!attributes.isDirectory()) {
                throw new BlockStoreException("Cannot write below '" + root.relativize(directory)
                        + "' in the local blockstore: it is not a directory but a link or a file placed there by hand");
            }
        }
    }

    /** Removes the now-empty directories above a deleted file, up to the root. Concurrent writers retry. */
    void removeEmptyParents(Path file) {
        for (Path directory = file.getParent(); !directory.equals(root); directory = directory.getParent()) {
            try {
                Files.delete(directory);
            } catch (IOException notEmptyOrGone) {
                return;
            }
        }
    }

    /** Makes a directory's entries (creations, renames, deletions) durable. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Deletes a file or a whole directory tree without following links; failures are ignored. */
    static void deleteQuietly(Path path) {
        try {
            BasicFileAttributes attributes = attributesOrNull(path);
            if (attributes == null) {
                return;
            }
            if (!attributes.isDirectory()) {
                Files.deleteIfExists(path);
                return;
            }
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // What is left in .tmp goes with the next stale-file sweep.
        }
    }

    private void createReserved(String name) {
        Path directory = root.resolve(name);
        try {
            BasicFileAttributes attributes = attributesOrNull(directory);
            if (attributes == null) {
                Files.createDirectory(directory);
                syncDirectory(root);
            } else if (!attributes.isDirectory()) {
                throw new BlockStoreConfigException("Invalid blockstore.local.root '" + root + "': its '" + name + "' is not a directory");
            }
        } catch (IOException e) {
            throw new BlockStoreConfigException("Cannot write to blockstore.local.root '" + root + "': " + e, e);
        }
    }

    private void probe() {
        Path probe = newTemporary();
        try {
            Files.write(probe, new byte[] {1}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BlockStoreConfigException("Cannot write to blockstore.local.root '" + root + "': " + e, e);
        }
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view == null) {
                throw new IOException("no user-defined attribute view");
            }
            view.write(ObjectAttributes.ETAG, ByteBuffer.wrap(new byte[] {'x'}));
            if (!view.list().contains(ObjectAttributes.ETAG)) {
                throw new IOException("an attribute written could not be read back");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new BlockStoreConfigException("Cannot use blockstore.local.root '" + root + "': its file system does not keep user extended attributes ("
                    + e.getMessage() + "), where ETags and checksums are stored; choose a directory on ext4, XFS, btrfs or tmpfs", e);
        } finally {
            deleteQuietly(probe);
        }
    }

    /** Leftovers of writes interrupted by a crash; a day is far longer than any write in progress. */
    private void removeStaleTemporaries() {
        Instant cutoff = Instant.now().minus(STALE_TEMP_AGE);
        try (var entries = Files.newDirectoryStream(temporaries())) {
            for (Path entry : entries) {
                BasicFileAttributes attributes = attributesOrNull(entry);
                if (attributes != null && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException e) {
            throw new BlockStoreConfigException("Cannot read " + temporaries() + " in blockstore.local.root: " + e, e);
        }
    }
}
