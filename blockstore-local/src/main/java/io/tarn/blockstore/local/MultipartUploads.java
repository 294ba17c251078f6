package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.tarn.blockstore.spi.BlockStoreException;
import io.tarn.blockstore.spi.ChecksumAlgorithm;
import io.tarn.blockstore.spi.InvalidPartException;
import io.tarn.blockstore.spi.Location;
import io.tarn.blockstore.spi.NoSuchUploadException;
import io.tarn.blockstore.spi.ObjectStat;
import io.tarn.blockstore.spi.PutOptions;
import io.tarn.blockstore.spi.SupportsMultipartUpload;
import io.tarn.blockstore.spi.SupportsMultipartUpload.CompletedPart;
import io.tarn.blockstore.spi.SupportsMultipartUpload.PartInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Multipart uploads of the local blockstore. An upload is the directory {@code .multipart/<id>}: a
 * record of its target key and options ({@code upload.properties}) and one file per part
 * ({@code part-00001}, its MD5 in the {@code tarn.etag} attribute). Parts are staged in {@code .tmp}
 * and renamed in; completion streams them, in order, into one staged file that is renamed into place
 * like any put, then removes the upload directory.
 *
 * <p>Upload ids are 32 random hex digits; any other id is unknown before the disk is touched. Part
 * uploads of one upload run concurrently (a shared lock); completion and abort exclude them (an
 * exclusive lock), so no part lands in an upload that has ended. Thread-safe.
 */
final class MultipartUploads {
    /** Moves a staged object into place, as a put does. */
    interface Installer {
        ObjectStat install(Location location, byte[] key, StagedFile staged);
    }

    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern PART_NAME = Pattern.compile("part-(\\d{5})");
    private static final String RECORD = "upload.properties";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final RootDirectory root;
    private final Installer installer;
    private final StripedLocks locks = new StripedLocks(256);

    MultipartUploads(RootDirectory root, Installer installer) {
        this.root = root;
        this.installer = installer;
    }

    private record Upload(Path directory, Set<ChecksumAlgorithm> checksums) {
    }

    private record Part(int number, Path file, String etag, long size) {
    }

    String create(Location location, byte[] key, PutOptions options) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String uploadId = HexFormat.of().formatHex(random);
        Path directory = root.uploads().resolve(uploadId);
        Properties record = new Properties();
        record.setProperty("key", Base64.getEncoder().encodeToString(key));
        record.setProperty("location", location.toString());
        record.setProperty("content-type", options.contentType());
        record.setProperty("checksums", options.checksums().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        try {
            Files.createDirectory(directory);
            StringWriter text = new StringWriter();
            record.store(text, "Tarn multipart upload");
            Path temp = directory.resolve(RECORD + ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer bytes = UTF_8.encode(text.toString());
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temp, directory.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE);
            RootDirectory.syncDirectory(directory);
            RootDirectory.syncDirectory(root.uploads());
        } catch (IOException e) {
            RootDirectory.deleteQuietly(directory);
            throw new BlockStoreException("Cannot start a multipart upload to '" + location + "': " + e, e);
        }
        return uploadId;
    }

    PartInfo uploadPart(Location location, byte[] key, String uploadId, int partNumber, InputStream data, long length) {
        if (partNumber < 1 || partNumber > SupportsMultipartUpload.MAX_PART_NUMBER) {
            throw new IllegalArgumentException("Invalid part number " + partNumber + " for multipart upload '" + uploadId + "': expected 1 to "
                    + SupportsMultipartUpload.MAX_PART_NUMBER);
        }
        try {
            find(location, key, uploadId);
            StagedFile staged = StagedFile.write(root.newTemporary(), data, length, Set.of());
            Lock lock = locks.forName(uploadId).readLock();
            lock.lock();
            try {
                Upload upload = find(location, key, uploadId);
                Files.move(staged.path(), upload.directory().resolve(String.format(Locale.ROOT, "part-%05d", partNumber)), StandardCopyOption.ATOMIC_MOVE);
                RootDirectory.syncDirectory(upload.directory());
            } finally {
                lock.unlock();
                RootDirectory.deleteQuietly(staged.path());
            }
            return new PartInfo(partNumber, staged.etag(), staged.size());
        } catch (IOException e) {
            throw new BlockStoreException("Cannot upload part " + partNumber + " of multipart upload '" + uploadId + "' to '" + location + "': " + e, e);
        }
    }

    List<PartInfo> listParts(Location location, byte[] key, String uploadId) {
        Lock lock = locks.forName(uploadId).readLock();
        lock.lock();
        try {
            return parts(find(location, key, uploadId)).values().stream().map(p -> new PartInfo(p.number(), p.etag(), p.size())).toList();
        } catch (IOException e) {
            throw new BlockStoreException("Cannot list the parts of multipart upload '" + uploadId + "' to '" + location + "': " + e, e);
        } finally {
            lock.unlock();
        }
    }

    ObjectStat complete(Location location, byte[] key, String uploadId, List<CompletedPart> completion) {
        Lock lock = locks.forName(uploadId).writeLock();
        lock.lock();
        try {
            Upload upload = find(location, key, uploadId);
            List<Part> chosen = choose(location, uploadId, parts(upload), completion);
            String etag = SupportsMultipartUpload.multipartEtag(chosen.stream().map(Part::etag).toList());
            StagedFile staged = StagedFile.concatenate(root.newTemporary(), chosen.stream().map(Part::file).toList(), etag, upload.checksums());
            ObjectStat stat = installer.install(location, key, staged);
            try {
                discard(upload);
            } catch (IOException e) {
                // The object is in place; an upload left behind can only be completed again to the same bytes.
            }
            return stat;
        } catch (IOException e) {
            throw new BlockStoreException("Cannot complete multipart upload '" + uploadId + "' to '" + location + "': " + e, e);
        } finally {
            lock.unlock();
        }
    }

    void abort(Location location, byte[] key, String uploadId) {
        Lock lock = locks.forName(uploadId).writeLock();
        lock.lock();
        try {
            discard(find(location, key, uploadId));
        } catch (IOException e) {
            throw new BlockStoreException("Cannot abort multipart upload '" + uploadId + "' to '" + location + "': " + e, e);
        } finally {
            lock.unlock();
        }
    }

    /** The open upload with this id for this key. @throws NoSuchUploadException when there is none */
    private Upload find(Location location, byte[] key, String uploadId) throws IOException {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw new NoSuchUploadException(String.valueOf(uploadId), location);
        }
        Path directory = root.uploads().resolve(uploadId);
        Properties record = new Properties();
        try (InputStream in = Files.newInputStream(directory.resolve(RECORD), LinkOption.NOFOLLOW_LINKS); Reader reader = new InputStreamReader(in, UTF_8)) {
            record.load(reader);
        } catch (NoSuchFileException e) {
            throw new NoSuchUploadException(uploadId, location);
        }
        if (!Arrays.equals(key, Base64.getDecoder().decode(record.getProperty("key", "")))) {
            throw new NoSuchUploadException(uploadId, location);
        }
        Set<ChecksumAlgorithm> checksums = EnumSet.noneOf(ChecksumAlgorithm.class);
        for (String name : record.getProperty("checksums", "").split(",")) {
            if (!name.isEmpty()) {
                checksums.add(ChecksumAlgorithm.parse(name));
            }
        }
        return new Upload(directory, checksums);
    }

    private static TreeMap<Integer, Part> parts(Upload upload) throws IOException {
        TreeMap<Integer, Part> parts = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(upload.directory(), "part-*")) {
            for (Path entry : entries) {
                Matcher name = PART_NAME.matcher(entry.getFileName().toString());
                BasicFileAttributes attributes = RootDirectory.attributesOrNull(entry);
                if (name.matches() && attributes != null && attributes.isRegularFile()) {
                    int number = Integer.parseInt(name.group(1));
                    parts.put(number, new Part(number, entry, ObjectAttributes.etag(entry), attributes.size()));
                }
            }
        }
        return parts;
    }

    /** The uploaded parts the completion names, checked. @throws InvalidPartException naming the first problem */
    private static List<Part> choose(Location location, String uploadId, Map<Integer, Part> uploaded, List<CompletedPart> completion) {
        String upload = "multipart upload '" + uploadId + "' to '" + location + "'";
        if (completion.isEmpty()) {
            throw new InvalidPartException("Invalid completion of " + upload + ": it lists no part", false);
        }
        List<Part> chosen = new ArrayList<>();
        for (CompletedPart named : completion) {
            Part part = uploaded.get(named.partNumber());
            if (part == null) {
                throw new InvalidPartException("Invalid part " + named.partNumber() + " in the completion of " + upload + ": it was not uploaded", false);
            }
            if (!Objects.equals(part.etag(), normalized(named.etag()))) {
                throw new InvalidPartException("Invalid part " + named.partNumber() + " in the completion of " + upload + ": its ETag is '"
                        + part.etag() + "', not '" + named.etag() + "'", false);
            }
            chosen.add(part);
        }
        for (int i = 1; i < completion.size(); i++) {
            int previous = completion.get(i - 1).partNumber();
            int current = completion.get(i).partNumber();
            if (current <= previous) {
                throw new InvalidPartException("Invalid part order in the completion of " + upload + ": part " + current + " follows part " + previous
                        + "; parts must be listed in strictly ascending order", true);
            }
        }
        return chosen;
    }

    /** Clients often send ETags quoted, sometimes in upper case. */
    private static String normalized(String etag) {
        String bare = etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
        return bare.toLowerCase(Locale.ROOT);
    }

    /** Ends the upload atomically (one rename out of {@code .multipart}), then removes its files. */
    private void discard(Upload upload) throws IOException {
        Path grave = root.newTemporary();
        Files.move(upload.directory(), grave, StandardCopyOption.ATOMIC_MOVE);
        RootDirectory.syncDirectory(root.uploads());
        RootDirectory.deleteQuietly(grave);
    }
}
