package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How an object key becomes a chain of file names below the root, and a file name becomes key bytes
 * again. Every name decodes to exactly the part of the key it stands for, so a directory listing
 * can be put into key order without opening anything.
 *
 * <ul>
 *   <li>The key's UTF-8 bytes are split at {@code /}. Every segment but the last becomes a directory,
 *       the last a file.
 *   <li>A segment is encoded byte by byte: {@code A-Z a-z 0-9 _ - .} stay, every other byte becomes
 *       {@code %XX} (upper-case hex). A {@code .} that starts a name is encoded too, so no name is
 *       ever {@code .}, {@code ..} or hidden, and the store's own entries ({@code .tmp},
 *       {@code .multipart}) can never collide with a key.
 *   <li>A directory is named {@code enc(segment) + "%2F"}: directory {@code a%2F} holds the keys
 *       starting {@code a/}, next to file {@code a}, the key {@code a}. An empty segment
 *       ({@code a//b}, a leading {@code /}) is the directory {@code %2F}.
 *   <li>An empty last segment (a key ending in {@code /}) is the file named {@code %}.
 *   <li>A segment whose name would pass 255 bytes (the common file name limit) is cut into chunks
 *       of at most {@value #MAX_CHUNK_CHARS} encoded characters, taken greedily from the front; each
 *       chunk is a continuation directory {@code enc(chunk) + "%%"} holding the rest of the segment.
 * </ul>
 *
 * <p>Encoding never yields {@code %%} or a lone {@code %}, and yields {@code %2F} only as a directory
 * suffix (a segment holds no {@code /}), so the three reserved forms are unambiguous. Decoding
 * accepts only names this encoding produces ({@link #decode}); anything else found in the root was
 * not written by the store and is ignored. Names are plain ASCII, so the JVM's file name encoding
 * does not matter. The root must be on a case-sensitive file system.
 *
 * <p>Stateless and thread-safe.
 */
final class KeyCodec {
    static final int MAX_NAME_BYTES = 255;
    static final int MAX_CHUNK_CHARS = 250;
    static final String DIRECTORY_SUFFIX = "%2F";
    static final String CONTINUATION_SUFFIX = "%%";
    static final String EMPTY_SEGMENT_FILE = "%";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** What a directory entry's name stands for. */
    enum Kind {
        /** An object: the key is exactly the covered bytes. */
        FILE,
        /** Keys starting with the covered bytes, which end in {@code /}. */
        DIRECTORY,
        /** Keys continuing the covered bytes within the same segment: always longer than them. */
        CONTINUATION
    }

    /** A decoded entry name: its kind and the key bytes it adds to its directory's. */
    record Entry(Kind kind, byte[] label) {
    }

    private KeyCodec() {
    }

    /**
     * The key's UTF-8 bytes.
     *
     * @throws IllegalArgumentException naming the key when it is empty, holds NUL or is not valid
     *     UTF-16 (an unpaired surrogate has no UTF-8 form)
     */
    static byte[] keyBytes(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Invalid key '': an object key cannot be empty");
        }
        return bytesOf(key);
    }

    /** Like {@link #keyBytes} but allows the empty string: for list prefixes and start-after values. */
    static byte[] prefixBytes(String prefix) {
        return prefix.isEmpty() ? new byte[0] : bytesOf(prefix);
    }

    private static byte[] bytesOf(String key) {
        if (key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Invalid key '" + printable(key) + "': NUL characters are not allowed");
        }
        try {
            ByteBuffer encoded = UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(key));
            return Arrays.copyOf(encoded.array(), encoded.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Invalid key '" + printable(key) + "': it holds an unpaired surrogate, which has no UTF-8 form", e);
        }
    }

    /** The key for these bytes, or {@code null} when they are not valid UTF-8. */
    static String keyString(byte[] key) {
        try {
            return UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The names from the root down to the key's file, in order. */
    static List<String> names(byte[] key) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= key.length; i++) {
            if (i == key.length || key[i] == '/') {
                boolean last = i == key.length;
                appendSegment(key, start, i, last, names);
                start = i + 1;
            }
        }
        return names;
    }

    private static void appendSegment(byte[] key, int from, int to, boolean last, List<String> names) {
        if (last && from == to) {
            names.add(EMPTY_SEGMENT_FILE);
            return;
        }
        String suffix = last ? "" : DIRECTORY_SUFFIX;
        int position = from;
        while (encodedLength(key, position, to) + suffix.length() > MAX_NAME_BYTES) {
            int end = position;
            int length = 0;
            while (end < to && length + encodedLength(key[end], end == position) <= MAX_CHUNK_CHARS) {
                length += encodedLength(key[end], end == position);
                end++;
            }
            names.add(encode(key, position, end) + CONTINUATION_SUFFIX);
            position = end;
        }
        names.add(encode(key, position, to) + suffix);
    }

    /**
     * What a file name stands for, or {@code null} when the encoding never produces it (a name put
     * there by hand, the store's own {@code .tmp}, a non-canonical spelling).
     */
    static Entry decode(String name) {
        if (name.equals(EMPTY_SEGMENT_FILE)) {
            return new Entry(Kind.FILE, new byte[0]);
        }
        Kind kind;
        String body;
        if (name.endsWith(CONTINUATION_SUFFIX)) {
            kind = Kind.CONTINUATION;
            body = name.substring(0, name.length() - CONTINUATION_SUFFIX.length());
        } else if (name.endsWith(DIRECTORY_SUFFIX)) {
            kind = Kind.DIRECTORY;
            body = name.substring(0, name.length() - DIRECTORY_SUFFIX.length());
        } else {
            kind = Kind.FILE;
            body = name;
        }
        byte[] label = decodeBody(body);
        if (label == null || (label.length == 0 && kind != Kind.DIRECTORY) || !encode(label, 0, label.length).equals(body)) {
            return null;
        }
        if (kind == Kind.DIRECTORY) {
            label = Arrays.copyOf(label, label.length + 1);
            label[label.length - 1] = '/';
        }
        return new Entry(kind, label);
    }

    private static byte[] decodeBody(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '%') {
                if (i + 2 >= body.length()) {
                    return null;
                }
                int high = Character.digit(body.charAt(i + 1), 16);
                int low = Character.digit(body.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                int b = (high << 4) | low;
                if (b == '/' || b == 0) {
                    return null;
                }
                out.write(b);
                i += 2;
            } else if (c < 0x80 && isUnreserved((byte) c)) {
                out.write(c);
            } else {
                return null;
            }
        }
        return out.toByteArray();
    }

    /**
     * Bytes {@code from} to {@code to} as one name: unreserved characters stay, every other byte is
     * {@code %XX}, and so is a leading {@code .}. The result is also a valid URL path segment that is
     * never {@code .} or {@code ..}, which is what presigned URLs use it for.
     */
    static String encode(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder((to - from) * 3);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (isUnreserved(b) && !(i == from && b == '.')) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static int encodedLength(byte[] bytes, int from, int to) {
        int length = 0;
        for (int i = from; i < to; i++) {
            length += encodedLength(bytes[i], i == from);
        }
        return length;
    }

    private static int encodedLength(byte b, boolean first) {
        return isUnreserved(b) && !(first && b == '.') ? 1 : 3;
    }

    private static boolean isUnreserved(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-' || b == '.';
    }

    static String printable(String key) {
        return key.replace("\0", "\\0");
    }
}
