package io.tarn.graveler.committed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a metarange file's rows into a list of {@link RangeInfo}: its "current record" is the list
 * with every row so far (as {@link RangeReadSupport}'s is its builder). Also remembers the metarange
 * id the footer names. One instance per file.
 */
final class MetaRangeReadSupport extends ReadSupport<List<RangeInfo>> {
    private final List<RangeInfo> ranges = new ArrayList<>();
    private String footerId;

    /** The metarange id the file's footer names, or {@code null} when it names none. */
    String footerId() {
        return footerId;
    }

    @Override
    public ReadContext init(InitContext context) {
        return new ReadContext(RangeFileFormat.METARANGE_SCHEMA);
    }

    @Override
    public RecordMaterializer<List<RangeInfo>> prepareForRead(ParquetConfiguration configuration,
            Map<String, String> footer, MessageType fileSchema, ReadContext readContext) {
        return materializer(footer);
    }

    private RecordMaterializer<List<RangeInfo>> materializer(Map<String, String> footer) {
        footerId = footer.get(RangeFileFormat.METARANGE_ID_KEY);
        GroupConverter root = new RowConverter();
        return new RecordMaterializer<>() {
            @Override
            public List<RangeInfo> getCurrentRecord() {
                return ranges;
            }

            @Override
            public GroupConverter getRootConverter() {
                return root;
            }
        };
    }

    /** Abstract and deprecated in parquet; Tarn never passes a Hadoop configuration (docs/adr/0001). */
    @Override
    @SuppressWarnings("deprecation")
    public RecordMaterializer<List<RangeInfo>> prepareForRead(org.apache.hadoop.conf.Configuration configuration,
            Map<String, String> footer, MessageType fileSchema, ReadContext readContext) {
        return materializer(footer);
    }

    /** One row: a range's id, key span, record count and bytes. */
    private final class RowConverter extends GroupConverter {
        private String id;
        private String minKey;
        private String maxKey;
        private long count;
        private long bytes;
        private final Converter[] fields = new Converter[RangeFileFormat.METARANGE_SCHEMA.getFieldCount()];

        RowConverter() {
            fields[RangeFileFormat.RANGE_ID] = new BinaryValueConverter(v -> id = v.toStringUsingUTF8());
            fields[RangeFileFormat.MIN_KEY] = new BinaryValueConverter(v -> minKey = v.toStringUsingUTF8());
            fields[RangeFileFormat.MAX_KEY] = new BinaryValueConverter(v -> maxKey = v.toStringUsingUTF8());
            fields[RangeFileFormat.COUNT] = new LongValueConverter(v -> count = v);
            fields[RangeFileFormat.BYTES] = new LongValueConverter(v -> bytes = v);
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
            id = null;
            minKey = null;
            maxKey = null;
            count = 0;
            bytes = 0;
        }

        @Override
        public void end() {
            ranges.add(new RangeInfo(id, minKey, maxKey, count, bytes));
        }
    }
}
