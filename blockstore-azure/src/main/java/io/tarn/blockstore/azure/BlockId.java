package io.tarn.blockstore.azure;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The id of a block staged on a blob, which also carries what Tarn must know about the block:
 * Azure keeps uncommitted blocks with their ids and sizes, not their bytes, until a commit or a
 * week passes. Every id is 48 bytes (Azure wants one length for all of a blob's block ids), base64-encoded:
 *
 * <pre>
 * [0]      kind: 'P' block of a plain put, 'U' multipart upload created, 'M' block of a part, 'A' upload aborted
 * [1..17)  writer: the put's or the multipart upload's random id
 * [17..19) part number (multipart)
 * [19..27) attempt: one upload of a part (a later attempt of a part number replaces earlier ones)
 * [27..31) sequence of the block within its put or part attempt
 * [31]     flags: 1 the last block of a part attempt, 2 a placeholder of an empty part (never committed)
 * [32..48) MD5 of the whole part (on its last block)
 * </pre>
 */
record BlockId(char kind, byte[] writer, int partNumber, long attempt, int sequence, int flags, byte[] partMd5) {
    static final char PUT = 'P';
    static final char UPLOAD = 'U';
    static final char PART = 'M';
    static final char ABORTED = 'A';
    static final int LAST = 1;
    static final int EMPTY = 2;
    static final int WRITER_BYTES = 16;
    private static final int BYTES = 48;
    private static final byte[] NO_MD5 = new byte[16];

    static BlockId put(byte[] writer, int sequence) {
        return new BlockId(PUT, writer, 0, 0, sequence, 0, NO_MD5);
    }

    static BlockId marker(char kind, byte[] upload) {
        return new BlockId(kind, upload, 0, 0, 0, 0, NO_MD5);
    }

    static BlockId part(byte[] upload, int partNumber, long attempt, int sequence, int flags, byte[] md5) {
        return new BlockId(PART, upload, partNumber, attempt, sequence, flags, md5 == null ? NO_MD5 : md5);
    }

    String encode() {
        ByteBuffer b = ByteBuffer.allocate(BYTES);
        b.put((byte) kind).put(writer).putShort((short) partNumber).putLong(attempt).putInt(sequence).put((byte) flags).put(partMd5);
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** The block id parsed, or empty when it is not one of Tarn's (a block someone else staged). */
    static Optional<BlockId> decode(String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != BYTES) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        char kind = (char) b.get();
        byte[] writer = new byte[WRITER_BYTES];
        b.get(writer);
        int partNumber = Short.toUnsignedInt(b.getShort());
        long attempt = b.getLong();
        int sequence = b.getInt();
        int flags = b.get();
        byte[] md5 = new byte[16];
        b.get(md5);
        return Optional.of(new BlockId(kind, writer, partNumber, attempt, sequence, flags, md5));
    }

    boolean isLast() {
        return (flags & LAST) != 0;
    }

    boolean isEmptyPlaceholder() {
        return (flags & EMPTY) != 0;
    }

    String partMd5Hex() {
        return HexFormat.of().formatHex(partMd5);
    }
}
