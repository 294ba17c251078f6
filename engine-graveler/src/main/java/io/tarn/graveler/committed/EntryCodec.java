package io.tarn.graveler.committed;

import io.tarn.api.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical binary encoding of an {@link Entry}: versioned, typed and length-prefixed, with maps
 * in key order, so equal entries always encode to equal bytes. It is what range ids hash, what the
 * staging area stores and what decoded ranges keep in memory.
 *
 * <p>Layout (big-endian): version byte {@code 1}; address; size (8 bytes); ETag; checksums; content
 * type; user metadata; tags; last modified (epoch milliseconds, 8 bytes). A string is a 4-byte length
 * then UTF-8; a map is a 4-byte count then key/value strings in key order. Changing the layout changes
 * every range id: add a new version instead. Thread-safe (stateless).
 */
public final class EntryCodec {
    static final byte VERSION = 1;

    private EntryCodec() {
    }

    public static byte[] encode(Entry entry) {
        ByteSink out = new ByteSink(96 + entry.address().length() + entry.etag().length() + entry.contentType().length());
        out.writeByte(VERSION);
        out.writeString(entry.address());
        out.writeLong(entry.size());
        out.writeString(entry.etag());
        out.writeMap(entry.checksums());
        out.writeString(entry.contentType());
        out.writeMap(entry.userMetadata());
        out.writeMap(entry.tags());
        out.writeLong(entry.lastModified().toEpochMilli());
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not an encoding this version reads */
    public static Entry decode(byte[] bytes) {
        ByteSource in = new ByteSource(bytes);
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("Invalid entry encoding version " + version + ": this Tarn reads version " + VERSION);
        }
        String address = in.readString();
        long size = in.readLong();
        String etag = in.readString();
        Map<String, String> checksums = in.readMap();
        String contentType = in.readString();
        Map<String, String> userMetadata = in.readMap();
        Map<String, String> tags = in.readMap();
        Instant lastModified = Instant.ofEpochMilli(in.readLong());
        in.requireEnd();
        try {
            return new Entry(address, size, etag, checksums, contentType, userMetadata, tags, lastModified);
        } catch (io.tarn.api.InvalidArgumentException e) {
            throw new IllegalArgumentException("Invalid entry encoding: " + e.getMessage(), e);
        }
    }

    /** A growable big-endian byte buffer, the writing half of the canonical encodings. */
    public static final class ByteSink {
        private byte[] buf;
        private int size;

        public ByteSink(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        public void writeByte(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        public void writeInt(int v) {
            ensure(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        public void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        public void writeBytes(byte[] b) {
            writeInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        /** Appends bytes without a length prefix. */
        public void writeRaw(byte[] b, int offset, int length) {
            ensure(length);
            System.arraycopy(b, offset, buf, size, length);
            size += length;
        }

        public int size() {
            return size;
        }

        public void writeString(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        public void writeMap(Map<String, String> map) {
            writeInt(map.size());
            Map<String, String> sorted = map.size() <= 1 ? map : new TreeMap<>(map);
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                writeString(e.getKey());
                writeString(e.getValue());
            }
        }

        public byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** The reading half: fails with {@link IllegalArgumentException} on truncated or trailing bytes. */
    public static final class ByteSource {
        private final byte[] buf;
        private int pos;

        public ByteSource(byte[] buf) {
            this.buf = buf;
        }

        private void need(int n) {
            if (n < 0 || n > buf.length - pos) {
                throw new IllegalArgumentException("Invalid encoding: it ends after " + buf.length + " bytes, in the middle of a field");
            }
        }

        public byte readByte() {
            need(1);
            return buf[pos++];
        }

        public int readInt() {
            need(4);
            int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | buf[pos + 3] & 0xFF;
            pos += 4;
            return v;
        }

        public long readLong() {
            return (long) readInt() << 32 | readInt() & 0xFFFFFFFFL;
        }

        public byte[] readBytes() {
            int n = readInt();
            need(n);
            byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        public String readString() {
            int n = readInt();
            need(n);
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        public Map<String, String> readMap() {
            int n = readInt();
            if (n == 0) {
                return Map.of();
            }
            if (n < 0 || n > buf.length) {
                throw new IllegalArgumentException("Invalid encoding: a map of " + n + " pairs");
            }
            Map<String, String> map = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                map.put(readString(), readString());
            }
            return map;
        }

        public boolean atEnd() {
            return pos == buf.length;
        }

        public void requireEnd() {
            if (pos != buf.length) {
                throw new IllegalArgumentException("Invalid encoding: " + (buf.length - pos) + " unexpected trailing bytes");
            }
        }
    }
}
