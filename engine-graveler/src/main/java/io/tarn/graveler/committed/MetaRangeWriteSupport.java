package io.tarn.graveler.committed;

import static io.tarn.graveler.committed.RangeFileFormat.METARANGE_SCHEMA;

import java.util.Map;
import org.apache.parquet.io.api.Binary;

/**
 * Writes each {@link RangeInfo} of one {@link MetaRange} as a row of
 * {@link RangeFileFormat#METARANGE_SCHEMA}, and the metarange's id into the footer. One instance per
 * file; not thread-safe.
 */
final class MetaRangeWriteSupport extends CommittedWriteSupport<RangeInfo> {
    MetaRangeWriteSupport(MetaRange metaRange) {
        super(METARANGE_SCHEMA, Map.of(
                RangeFileFormat.FORMAT_KEY, RangeFileFormat.METARANGE,
                RangeFileFormat.VERSION_KEY, RangeFileFormat.VERSION,
                RangeFileFormat.METARANGE_ID_KEY, metaRange.id()));
    }

    @Override
    public void write(RangeInfo range) {
        out.startMessage();
        binary(RangeFileFormat.RANGE_ID, Binary.fromString(range.id()));
        binary(RangeFileFormat.MIN_KEY, Binary.fromString(range.minKey()));
        binary(RangeFileFormat.MAX_KEY, Binary.fromString(range.maxKey()));
        int64(RangeFileFormat.COUNT, range.count());
        int64(RangeFileFormat.BYTES, range.bytes());
        out.endMessage();
    }
}
