package io.tarn.blockstore.local;

import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ByteRange;
import io.tarn.blockstore.spi.Capability;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.ListPage;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.ObjectNotFoundException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PreconditionFailedException;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsConditionalPut;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.SupportsPresignedUrls;
import io.tarn.blockstore.spi.SupportsServerSideCopy;
import io.tarn.blockstore.spi.UnsupportedCapabilityException;
import io.tarn.blockstore.spi.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;

/**
 * A blockstore on a local (or mounted) POSIX file system, for {@code local://} locations.
 *
 * <p><b>Locations.</b> {@code local://<authority>/<path>} is the key {@code <authority>/<path>}
 * below the configured root; {@code local:///abs/x} (empty authority) is the key {@code abs/x}. Keys
 * map to files as {@link KeyCodec} describes: any NUL-free key, including {@code ..} segments,
 * {@code //}, a leading {@code /} and segments longer than a file name, lands inside the root. A
 * key whose file path would pass the file system's 4,095 bytes is refused.
 *
 * <p><b>Durability.</b> A write goes to a file in the root's {@code .tmp}, is fsynced with its
 * attributes, renamed atomically into place and its directory fsynced before the call returns;
 * readers see the old object or the new one, never a part. A failed write removes its temporary
 * file and leaves any previous object alone. ETags and checksums live in user extended attributes
 * (a multipart ETag cannot be recomputed), so the root's file system must keep them; a file placed
 * there by hand gets the MD5 of its bytes as ETag.
 *
 * <p><b>Capabilities.</b> Multipart upload, server-side copy (a hard link, falling back to a
 * streamed copy; safe because objects are never changed in place, and the link's modification
 * time, shared with the source, is set to the time of the copy) and conditional put. Presigned URLs
 * only when {@code presign-listen} is configured: the store then runs a small HTTP endpoint of its
 * own ({@link PresignEndpoint}) that answers its signed URLs ({@link PresignedUrls}), and
 * {@link #close} stops it; otherwise {@link #supports} says no and the presign methods throw
 * {@link UnsupportedCapabilityException}.
 *
 * <p><b>Threading.</b> Thread-safe. Writes, deletes and conditional checks of one key are serialised
 * by a lock per key, which makes If-Match and If-None-Match atomic within this process: one server
 * process must own the root. Reads take no lock.
 */
public final class LocalBlockStore implements BlockStore, SupportsMultipartUpload, SupportsServerSideCopy, SupportsConditionalPut, SupportsPresignedUrls {
    static final String TYPE = "local";
    static final String SCHEME = "local";
    /** A put racing a delete that prunes its emptied directory recreates it and retries. */
    private static final int INSTALL_ATTEMPTS = 16;
    private final RootDirectory root;
    private final StripedLocks keyLocks = new StripedLocks(1024);
    private final MultipartUploads uploads;
    /** The presigned-URL endpoint, or {@code null} when none is configured. */
    private final PresignEndpoint endpoint;

    private LocalBlockStore(RootDirectory root, LocalBlockStoreConfig.Presign presign, Clock clock) {
        this.root = root;
        this.uploads = new MultipartUploads(root, (location, key, staged) -> install(location, key, staged, null));
        // Last: the endpoint's threads see every field set above (Thread.start orders them).
        this.endpoint = presign == null ? null : PresignEndpoint.start(presign, this, clock);
    }

    /**
     * Opens a store over {@code config.root()}, creating the directory if needed, and starts its
     * presigned-URL endpoint when one is configured.
     *
     * @throws io.tarn.blockstore.spi.BlockStoreConfigException naming the path when it cannot be
     *     created or written, or its file system lacks user extended attributes; naming
     *     {@code presign-listen} when its address cannot be bound
     */
    public static LocalBlockStore open(LocalBlockStoreConfig config) {
        return open(config, Clock.systemUTC());
    }

    /** With the clock presigned URLs are made and checked by: tests move it to expire them. */
    static LocalBlockStore open(LocalBlockStoreConfig config, Clock clock) {
        return new LocalBlockStore(RootDirectory.open(config.root()), config.presign(), clock);
    }

    /** The root directory, as a real path. */
    public Path root() {
        return root.path();
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Everything but presigned URLs always; those when {@code presign-listen} is configured. */
    @Override
    public boolean supports(Capability capability) {
        return capability == Capability.PRESIGNED_URLS ? endpoint != null : BlockStore.super.supports(capability);
    }

    @Override
    public ObjectStat put(Location location, InputStream data, long length, PutOptions options) {
        return write(location, data, length, options, null);
    }

    @Override
    public ObjectStat put(Location location, InputStream data, long length, PutOptions options, WriteCondition condition) {
        return write(location, data, length, options, Objects.requireNonNull(condition, "condition"));
    }

    private ObjectStat write(Location location, InputStream data, long length, PutOptions options, WriteCondition condition) {
        byte[] key = keyOf(location);
        root.fileOf(key); // refuses a key too long for the file system before a byte is read
        StagedFile staged;
        try {
            staged = StagedFile.write(root.newTemporary(), data, length, options.checksums());
        } catch (IOException e) {
            throw new BlockStoreException("Cannot write '" + location + "': " + e.getMessage(), e);
        }
        return install(location, key, staged, condition);
    }

    /** Moves a staged file to the key's place if {@code condition} (or none) holds; the staged file is gone afterwards. */
    private ObjectStat install(Location location, byte[] key, StagedFile staged, WriteCondition condition) {
        Path target = root.fileOf(key);
        Lock lock = keyLocks.forKey(key).writeLock();
        lock.lock();
        boolean moved = false;
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    root.createParents(target);
                    check(location, target, condition);
                    if (condition instanceof WriteCondition.IfAbsent) {
                        // link(2) never replaces: atomic against any other writer, even another process.
                        Files.createLink(target, staged.path());
                    } else {
                        Files.move(staged.path(), target, StandardCopyOption.ATOMIC_MOVE);
                        moved = true;
                    }
                    RootDirectory.syncDirectory(target.getParent());
                    return new ObjectStat(location, staged.size(), staged.etag(), staged.lastModified(), staged.checksums());
                } catch (NoSuchFileException e) {
                    if (attempt == INSTALL_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new PreconditionFailedException("Cannot write '" + location + "': an object exists there and the write required none (If-None-Match: *)");
        } catch (IOException e) {
            throw new BlockStoreException("Cannot write '" + location + "': " + e, e);
        } finally {
            lock.unlock();
            if (!moved) { // a moved file is gone from the staging place: nothing to look for there
                RootDirectory.deleteQuietly(staged.path());
            }
        }
    }

    private void check(Location location, Path target, WriteCondition condition) throws IOException {
        if (condition instanceof WriteCondition.IfMatch match) {
            if (root.objectAttributes(target) == null) {
                throw new PreconditionFailedException("Cannot write '" + location + "': If-Match '" + match.etag() + "' requires an object there and there is none");
            }
            String current = ObjectAttributes.etagOrMd5(target);
            if (!current.equals(match.etag())) {
                throw new PreconditionFailedException("Cannot write '" + location + "': its ETag is '" + current + "', not '" + match.etag() + "' as If-Match requires");
            }
        }
    }

    @Override
    public InputStream get(Location location) {
        return open(location, null);
    }

    @Override
    public InputStream get(Location location, ByteRange range) {
        return open(location, Objects.requireNonNull(range, "range"));
    }

    private InputStream open(Location location, ByteRange range) {
        Path file = root.fileOf(keyOf(location));
        FileChannel channel = null;
        try {
            if (root.objectAttributes(file) == null) {
                throw new ObjectNotFoundException(location);
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            if (range == null) {
                return new FileContent(channel, channel.size());
            }
            ByteRange.Span span = range.resolve(channel.size());
            channel.position(span.offset());
            return new FileContent(channel, span.length());
        } catch (NoSuchFileException e) {
            closeQuietly(channel);
            throw new ObjectNotFoundException(location);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BlockStoreException("Cannot read '" + location + "': " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public ObjectStat stat(Location location) {
        Path file = root.fileOf(keyOf(location));
        try {
            BasicFileAttributes attributes = root.objectAttributes(file);
            if (attributes == null) {
                throw new ObjectNotFoundException(location);
            }
            return new ObjectStat(location, attributes.size(), ObjectAttributes.etagOrMd5(file), attributes.lastModifiedTime().toInstant(), ObjectAttributes.checksums(file));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(location);
        } catch (IOException e) {
            throw new BlockStoreException("Cannot stat '" + location + "': " + e, e);
        }
    }

    @Override
    public void delete(Location location) {
        byte[] key = keyOf(location);
        Path file = root.fileOf(key);
        Lock lock = keyLocks.forKey(key).writeLock();
        lock.lock();
        try {
            BasicFileAttributes attributes = root.hasRealParents(file) ? RootDirectory.attributesOrNull(file) : null;
            if (attributes == null || attributes.isDirectory()) {
                return;
            }
            // A link placed where an object belongs is removed itself, never what it points to.
            Files.deleteIfExists(file);
            syncUnlessPruned(file.getParent());
        } catch (IOException e) {
            throw new BlockStoreException("Cannot delete '" + location + "': " + e, e);
        } finally {
            lock.unlock();
        }
        root.removeEmptyParents(file);
    }

    /** A directory emptied by this delete may already be gone, pruned by a delete of a sibling: nothing left to sync. */
    private static void syncUnlessPruned(Path directory) throws IOException {
        try {
            RootDirectory.syncDirectory(directory);
        } catch (NoSuchFileException pruned) {
            // The entry removal is what mattered, and the directory holding it no longer exists.
        }
    }

    @Override
    public ListPage list(Location prefix, Location startAfter, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("Invalid maxKeys " + maxKeys + " for listing '" + prefix + "': expected 1 or more");
        }
        byte[] prefixKey = KeyCodec.prefixBytes(keyString(prefix));
        byte[] after = startAfter == null ? null : KeyCodec.prefixBytes(keyString(startAfter));
        try {
            KeyOrderWalk walk = new KeyOrderWalk(root.path(), prefixKey, after);
            List<ObjectStat> objects = new ArrayList<>();
            while (objects.size() < maxKeys && walk.hasNext()) {
                KeyOrderWalk.Leaf leaf = walk.next();
                try {
                    objects.add(new ObjectStat(locationFor(prefix, leaf.key()), leaf.attributes().size(), ObjectAttributes.etagOrMd5(leaf.file()),
                            leaf.attributes().lastModifiedTime().toInstant(), ObjectAttributes.checksums(leaf.file())));
                } catch (NoSuchFileException deletedMeanwhile) {
                    // Listed but gone before it could be read: it is no longer there to list.
                }
            }
            return new ListPage(objects, walk.hasNext());
        } catch (IOException e) {
            throw new BlockStoreException("Cannot list '" + prefix + "': " + e, e);
        } catch (UncheckedIOException e) {
            throw new BlockStoreException("Cannot list '" + prefix + "': " + e.getCause(), e.getCause());
        }
    }

    @Override
    public ObjectStat copy(Location source, Location target) {
        Path from = root.fileOf(keyOf(source));
        byte[] targetKey = keyOf(target);
        root.fileOf(targetKey); // refuses a target key too long for the file system before copying
        Path temp = root.newTemporary();
        StagedFile staged;
        try {
            if (root.objectAttributes(from) == null) {
                throw new ObjectNotFoundException(source);
            }
            staged = linkOrCopy(from, temp);
        } catch (NoSuchFileException e) {
            RootDirectory.deleteQuietly(temp);
            throw new ObjectNotFoundException(source);
        } catch (IOException e) {
            RootDirectory.deleteQuietly(temp);
            throw new BlockStoreException("Cannot copy '" + source + "' to '" + target + "': " + e, e);
        }
        return install(target, targetKey, staged, null);
    }

    /** Stages the source's bytes at {@code temp}: a hard link to its inode when possible, else a streamed copy. */
    private static StagedFile linkOrCopy(Path from, Path temp) throws IOException {
        try {
            Files.createLink(temp, from);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (FileSystemException | UnsupportedOperationException e) {
            Map<ChecksumAlgorithm, String> checksums = ObjectAttributes.checksums(from);
            return StagedFile.concatenate(temp, List.of(from), ObjectAttributes.etagOrMd5(from), checksums.keySet());
        }
        BasicFileAttributes attributes = RootDirectory.attributesOrNull(temp);
        if (attributes == null || !attributes.isRegularFile()) {
            // The source was swapped for a link after it was checked: there is no object to copy.
            throw new NoSuchFileException(from.toString());
        }
        Instant now = Instant.now();
        Files.setLastModifiedTime(temp, FileTime.from(now));
        return new StagedFile(temp, attributes.size(), ObjectAttributes.etagOrMd5(temp), ObjectAttributes.checksums(temp), now);
    }

    @Override
    public String createMultipartUpload(Location location, PutOptions options) {
        byte[] key = keyOf(location);
        root.fileOf(key); // refuses a key too long for the file system before any part is sent
        return uploads.create(location, key, Objects.requireNonNull(options, "options"));
    }

    @Override
    public PartInfo uploadPart(Location location, String uploadId, int partNumber, InputStream data, long length) {
        return uploads.uploadPart(location, keyOf(location), uploadId, partNumber, data, length);
    }

    @Override
    public List<PartInfo> listParts(Location location, String uploadId) {
        return uploads.listParts(location, keyOf(location), uploadId);
    }

    @Override
    public ObjectStat completeMultipartUpload(Location location, String uploadId, List<CompletedPart> parts) {
        return uploads.complete(location, keyOf(location), uploadId, List.copyOf(parts));
    }

    @Override
    public void abortMultipartUpload(Location location, String uploadId) {
        uploads.abort(location, keyOf(location), uploadId);
    }

    /**
     * A URL on this store's presigned-URL endpoint for a GET of the object, valid for {@code expiry}.
     *
     * @throws UnsupportedCapabilityException when no endpoint is configured
     * @throws IllegalArgumentException naming the expiry when it is not positive or longer than 7 days,
     *     or the location when it names no object this store can hold
     */
    @Override
    public URI presignGet(Location location, Duration expiry) {
        return presign("GET", location, expiry);
    }

    /** Like {@link #presignGet}, for a PUT of the object's bytes, stored as {@link #put} stores them. */
    @Override
    public URI presignPut(Location location, Duration expiry) {
        return presign("PUT", location, expiry);
    }

    private URI presign(String method, Location location, Duration expiry) {
        if (endpoint == null) {
            throw new UnsupportedCapabilityException(TYPE, Capability.PRESIGNED_URLS);
        }
        root.fileOf(keyOf(location)); // refuses a key too long for the file system, as a put would
        return endpoint.sign(method, keyString(location), expiry);
    }

    /**
     * Stops the presigned-URL endpoint, if one runs, cutting off its requests in progress. Nothing
     * else is held between calls: streams handed out stay readable.
     */
    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** The key a location names: {@code authority/path}, or {@code path} for an empty authority. */
    private static String keyString(Location location) {
        if (!SCHEME.equals(location.scheme())) {
            throw new IllegalArgumentException("Invalid location '" + location + "': the local blockstore serves only " + SCHEME + ":// locations");
        }
        return location.authority().isEmpty() ? location.path() : location.authority() + "/" + location.path();
    }

    private static byte[] keyOf(Location location) {
        String key = keyString(location);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Invalid location '" + location + "': it names no object");
        }
        return KeyCodec.keyBytes(key);
    }

    /** The location of {@code key} spelled like {@code prefix} (same authority form). */
    private static Location locationFor(Location prefix, String key) {
        String authority = prefix.authority();
        return new Location(SCHEME, authority, authority.isEmpty() ? key : key.substring(authority.length() + 1));
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was read from it.
            }
        }
    }
}
