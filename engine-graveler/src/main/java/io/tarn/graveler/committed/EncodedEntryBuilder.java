package io.tarn.graveler.committed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.Binary;

/**
 * Assembles an {@link EntryCodec} encoding from one range file row's column values, copying their
 * UTF-8 bytes straight into an array of the exact size: reading a range file decodes no entry and
 * allocates one array per record. The reverse of {@link EncodedEntryCursor}, following the same
 * layout.
 *
 * <p>Map pairs are encoded in the order the file holds them, which is the canonical order when Tarn
 * wrote the file; a file with another order yields other bytes and so fails the range id check.
 * Values must stay valid until {@link #build} (Parquet's are, within a row). Not thread-safe; reused
 * from row to row.
 */
final class EncodedEntryBuilder {
    private Binary address;
    private long size;
    private Binary etag;
    private Binary contentType;
    private long lastModified;
    private final Pairs checksums = new Pairs();
    private final Pairs userMetadata = new Pairs();
    private final Pairs tags = new Pairs();
    private final ArrayWriter out = new ArrayWriter();

    /** Forgets the previous row. */
    void reset() {
        address = null;
        etag = null;
        contentType = null;
        size = 0;
        lastModified = 0;
        checksums.clear();
        userMetadata.clear();
        tags.clear();
    }

    void address(Binary value) {
        address = value;
    }

    void size(long value) {
        size = value;
    }

    void etag(Binary value) {
        etag = value;
    }

    void contentType(Binary value) {
        contentType = value;
    }

    void lastModified(long epochMillis) {
        lastModified = epochMillis;
    }

    Pairs checksums() {
        return checksums;
    }

    Pairs userMetadata() {
        return userMetadata;
    }

    Pairs tags() {
        return tags;
    }

    /**
     * The encoding of the current row.
     *
     * @throws IllegalStateException when the row lacked a required string
     */
    byte[] build() {
        if (address == null || etag == null || contentType == null) {
            throw new IllegalStateException("Invalid range record: it lacks its address, etag or content type");
        }
        int length = 1 + stringLength(address) + 8 + stringLength(etag) + checksums.encodedLength()
                + stringLength(contentType) + userMetadata.encodedLength() + tags.encodedLength() + 8;
        out.start(new byte[length]);
        out.write(EntryCodec.VERSION);
        out.string(address);
        out.int64(size);
        out.string(etag);
        out.map(checksums);
        out.string(contentType);
        out.map(userMetadata);
        out.map(tags);
        out.int64(lastModified);
        return out.finish();
    }

    private static int stringLength(Binary value) {
        return 4 + value.length();
    }

    /** The key/value pairs of one map column in one row. */
    static final class Pairs {
        private final List<Binary> keys = new ArrayList<>();
        private final List<Binary> values = new ArrayList<>();
        private int bytes;

        void add(Binary key, Binary value) {
            keys.add(key);
            values.add(value);
            bytes += 8 + key.length() + value.length();
        }

        private void clear() {
            keys.clear();
            values.clear();
            bytes = 0;
        }

        private int encodedLength() {
            return 4 + bytes;
        }
    }

    /** Big-endian writes into an array of the exact size; an OutputStream so Binary copies into it directly. */
    private static final class ArrayWriter extends OutputStream {
        private byte[] target;
        private int position;

        void start(byte[] array) {
            target = array;
            position = 0;
        }

        byte[] finish() {
            if (position != target.length) {
                throw new IllegalStateException("Encoded " + position + " bytes into " + target.length);
            }
            byte[] result = target;
            target = null;
            return result;
        }

        @Override
        public void write(int b) {
            target[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            System.arraycopy(b, offset, target, position, length);
            position += length;
        }

        void int32(int v) {
            target[position] = (byte) (v >>> 24);
            target[position + 1] = (byte) (v >>> 16);
            target[position + 2] = (byte) (v >>> 8);
            target[position + 3] = (byte) v;
            position += 4;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void string(Binary value) {
            int32(value.length());
            try {
                value.writeTo(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // cannot happen: this stream only copies arrays
            }
        }

        void map(Pairs pairs) {
            int32(pairs.keys.size());
            for (int i = 0; i < pairs.keys.size(); i++) {
                string(pairs.keys.get(i));
                string(pairs.values.get(i));
            }
        }
    }
}
