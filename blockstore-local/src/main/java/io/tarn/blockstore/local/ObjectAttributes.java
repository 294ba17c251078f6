package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.tarn.blockstore.spi.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An object's ETag and checksums, kept in user extended attributes of its file ({@code user.tarn.etag},
 * {@code user.tarn.checksums}): a multipart ETag cannot be recomputed from the bytes, and attributes
 * travel with the inode through renames and hard links. Symbolic links are never followed.
 * Stateless and thread-safe.
 */
final class ObjectAttributes {
    static final String ETAG = "tarn.etag";
    static final String CHECKSUMS = "tarn.checksums";
    private static final int MAX_VALUE_BYTES = 1024;

    private ObjectAttributes() {
    }

    static void write(Path file, String etag, Map<ChecksumAlgorithm, String> checksums) throws IOException {
        UserDefinedFileAttributeView view = view(file);
        view.write(ETAG, UTF_8.encode(etag));
        if (!checksums.isEmpty()) {
            String encoded = checksums.entrySet().stream()
                    .map(e -> e.getKey().name() + "=" + e.getValue())
                    .collect(Collectors.joining("\n"));
            view.write(CHECKSUMS, UTF_8.encode(encoded));
        }
    }

    /** The recorded ETag, or {@code null} when the file has none (it was not written by the store). */
    static String etag(Path file) throws IOException {
        return read(file, ETAG);
    }

    /** The recorded ETag, or for a file the store did not write (placed by hand) the MD5 of its bytes. */
    static String etagOrMd5(Path file) throws IOException {
        String recorded = etag(file);
        if (recorded != null) {
            return recorded;
        }
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JDK lacks it", e);
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                md5.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The recorded checksums; empty when none were asked for. */
    static Map<ChecksumAlgorithm, String> checksums(Path file) throws IOException {
        String encoded = read(file, CHECKSUMS);
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        if (encoded == null) {
            return checksums;
        }
        for (String line : encoded.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                try {
                    checksums.put(ChecksumAlgorithm.parse(line.substring(0, eq)), line.substring(eq + 1));
                } catch (IllegalArgumentException unknown) {
                    // Written by a newer version that knows more algorithms: not ours to report.
                }
            }
        }
        return checksums;
    }

    private static String read(Path file, String name) throws IOException {
        UserDefinedFileAttributeView view = view(file);
        ByteBuffer buffer = ByteBuffer.allocate(MAX_VALUE_BYTES);
        try {
            view.read(name, buffer);
        } catch (FileSystemException e) {
            if (!view.list().contains(name)) {
                return null;
            }
            throw e;
        }
        buffer.flip();
        return UTF_8.decode(buffer).toString();
    }

    private static UserDefinedFileAttributeView view(Path file) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            throw new IOException("Cannot use extended attributes on " + file + ": the file system does not offer them");
        }
        return view;
    }
}
