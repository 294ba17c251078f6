package io.tarn.graveler.committed;

import static io.tarn.graveler.committed.RangeFileFormat.RANGE_SCHEMA;

import java.util.Map;
import org.apache.parquet.io.api.Binary;

/**
 * Writes record {@code i} of one {@link Range} as a row of {@link RangeFileFormat#RANGE_SCHEMA}, and
 * the range's id into the footer. Strings go from the entry's canonical encoding to the columns
 * without being decoded ({@link EncodedEntryCursor}), so the maps come out in the canonical order.
 * One instance per file; not thread-safe.
 */
final class RangeWriteSupport extends CommittedWriteSupport<Integer> {
    private static final String KEY_VALUE = RangeFileFormat.MAP_KEY_VALUE;
    private static final String MAP_KEY = RangeFileFormat.MAP_KEY;
    private static final String MAP_VALUE = RangeFileFormat.MAP_VALUE;

    private final Range range;
    private final EncodedEntryCursor entry = new EncodedEntryCursor();

    RangeWriteSupport(Range range) {
        super(RANGE_SCHEMA, Map.of(
                RangeFileFormat.FORMAT_KEY, RangeFileFormat.RANGE,
                RangeFileFormat.VERSION_KEY, RangeFileFormat.VERSION,
                RangeFileFormat.RANGE_ID_KEY, range.id()));
        this.range = range;
    }

    @Override
    public void write(Integer record) {
        int i = record;
        out.startMessage();
        binary(RangeFileFormat.KEY, Binary.fromString(range.key(i)));
        binary(RangeFileFormat.IDENTITY, Binary.fromConstantByteArray(range.identity(i)));
        entry.reset(range.encodedEntry(i));
        binary(RangeFileFormat.ADDRESS, entry.string());
        int64(RangeFileFormat.SIZE, entry.int64());
        binary(RangeFileFormat.ETAG, entry.string());
        map(RangeFileFormat.CHECKSUMS);
        binary(RangeFileFormat.CONTENT_TYPE, entry.string());
        map(RangeFileFormat.USER_METADATA);
        map(RangeFileFormat.TAGS);
        int64(RangeFileFormat.LAST_MODIFIED, entry.int64());
        out.endMessage();
    }

    /** A map is always written, an empty one as a group without key_value entries. */
    private void map(int field) {
        String name = fieldName(field);
        int pairs = entry.mapSize();
        out.startField(name, field);
        out.startGroup();
        if (pairs > 0) {
            out.startField(KEY_VALUE, 0);
            for (int p = 0; p < pairs; p++) {
                out.startGroup();
                out.startField(MAP_KEY, 0);
                out.addBinary(entry.string());
                out.endField(MAP_KEY, 0);
                out.startField(MAP_VALUE, 1);
                out.addBinary(entry.string());
                out.endField(MAP_VALUE, 1);
                out.endGroup();
            }
            out.endField(KEY_VALUE, 0);
        }
        out.endGroup();
        out.endField(name, field);
    }
}
