package com.example.tarn.files;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.tarn.blockstore.spi.Location;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where an object lives below the root: {@code files://<authority>/<path>} is the file
 * {@code <root>/<enc(authority)>/<enc(path)>}, and the encoding is what keeps every key inside the
 * root and every key distinct.
 *
 * <ul>
 *   <li><b>Encoding.</b> The UTF-8 bytes of a name are kept when they are {@code A-Z a-z 0-9 _ - .}
 *       and written as {@code %XX} (upper-case hex) otherwise, including {@code /}, {@code %} and
 *       {@code +}. A {@code .} that starts a name is encoded too. So no name is ever {@code .},
 *       {@code ..}, hidden, or holds a separator: a key such as {@code ../../etc/passwd} is one
 *       harmless file name, {@code ..%2F..%2Fetc%2Fpasswd}... with its first dot encoded.
 *   <li><b>Long keys.</b> File names are limited to 255 bytes, keys are not (the SPI promises at
 *       least 1,024). The path is therefore cut into chunks of {@value #CHUNK_BYTES} bytes (at most
 *       240 encoded characters); every chunk but the last is a directory whose name ends in
 *       {@value #CONTINUATION} (a character the encoding never produces), the last is the file.
 *       Most keys fit in one chunk and are one file directly below the authority's directory.
 *   <li><b>Listing order.</b> Every name decodes to exactly the key bytes it stands for, so a
 *       listing can sort a directory by those bytes without opening anything (see
 *       {@link KeyOrderWalk}). Names that do not decode, or decode to something the encoding would
 *       spell differently, were not written by the store and are ignored.
 * </ul>
 *
 * <p>A deliberately simple layout: '/' is not a directory separator on disk, so a directory can hold
 * many files and a listing reads it whole. Tarn's own {@code blockstore-local} keeps '/' as
 * directories, at the price of a more elaborate encoding. The root must be on a case-sensitive file
 * system (NFS, ext4, XFS), since {@code A} and {@code a} are different keys. Stateless, thread-safe.
 */
final class FileLayout {
    /** The most key bytes one file or directory name stands for. */
    static final int CHUNK_BYTES = 80;
    /** Ends the name of a directory holding the rest of longer keys. */
    static final String CONTINUATION = "+";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Path root;

    FileLayout(Path root) {
        this.root = root;
    }

    /** A directory entry read back as a piece of key: its bytes, and whether longer keys continue below it. */
    record Entry(Path path, byte[] label, boolean continuation) {
    }

    /** The file holding the object at {@code location}. @throws IllegalArgumentException naming the location when it has no path */
    Path fileOf(Location location) {
        byte[] key = keyBytes(location);
        if (key.length == 0) {
            throw new IllegalArgumentException("Invalid location '" + location + "': an object needs a path after the authority");
        }
        Path directory = authorityDirectory(location);
        for (int start = 0; ; start += CHUNK_BYTES) {
            int end = Math.min(start + CHUNK_BYTES, key.length);
            if (end == key.length) {
                return directory.resolve(encode(key, start, end));
            }
            directory = directory.resolve(encode(key, start, end) + CONTINUATION);
        }
    }

    /** The directory holding every object of the location's authority (the authority is one name). */
    Path authorityDirectory(Location location) {
        if (!location.scheme().equals("files")) {
            throw new IllegalArgumentException("Invalid location '" + location + "': the files blockstore serves only files:// locations");
        }
        byte[] authority = utf8(location.authority(), location);
        if (authority.length == 0 || authority.length > CHUNK_BYTES) {
            throw new IllegalArgumentException("Invalid location '" + location + "': expected files://<name>/<path> with a name of 1 to " + CHUNK_BYTES + " bytes");
        }
        return root.resolve(encode(authority, 0, authority.length));
    }

    /** The location's path as UTF-8 bytes: the key whose byte order listings follow. */
    static byte[] keyBytes(Location location) {
        return utf8(location.path(), location);
    }

    /** The location of the object whose key bytes a listing found, in the given authority. */
    static Location locationOf(Location base, byte[] key) {
        return new Location(base.scheme(), base.authority(), new String(key, UTF_8));
    }

    /** What a directory entry stands for, or {@code null} when the encoding never produces its name. */
    static Entry decode(Path path) {
        String name = path.getFileName().toString();
        boolean continuation = name.endsWith(CONTINUATION);
        String body = continuation ? name.substring(0, name.length() - CONTINUATION.length()) : name;
        byte[] label = percentDecode(body);
        boolean wellSized = label != null && (continuation ? label.length == CHUNK_BYTES : label.length > 0 && label.length <= CHUNK_BYTES);
        if (!wellSized || !encode(label, 0, label.length).equals(body)) {
            return null;
        }
        return new Entry(path, label, continuation);
    }

    private static byte[] utf8(String text, Location location) {
        byte[] bytes = text.getBytes(UTF_8);
        // getBytes replaces an unpaired surrogate with '?', which would merge two keys into one file.
        if (!new String(bytes, UTF_8).equals(text)) {
            throw new IllegalArgumentException("Invalid location '" + location + "': it holds an unpaired surrogate, which has no UTF-8 form");
        }
        return bytes;
    }

    private static String encode(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder((to - from) * 3);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            boolean kept = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-' || (b == '.' && i > from);
            if (kept) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static byte[] percentDecode(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '%') {
                out.write(c);
                continue;
            }
            int high = i + 2 < body.length() ? Character.digit(body.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(body.charAt(i + 2), 16) : -1;
            if (low < 0) {
                return null;
            }
            out.write((high << 4) | low);
            i += 2;
        }
        // Characters outside ASCII came from no encoding of ours; the round-trip check in decode() rejects them.
        return out.toByteArray();
    }

    /** Whether {@code bytes} starts with {@code prefix}. */
    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
