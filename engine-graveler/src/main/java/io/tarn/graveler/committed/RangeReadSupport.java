package io.tarn.graveler.committed;

import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a range file's rows into one {@link Range.Builder}: its "current record" is the builder with
 * every row so far, rather than an object per row that would be copied into the builder anyway. Also
 * remembers the range id the footer names, for the caller to check. One instance per file.
 */
final class RangeReadSupport extends ReadSupport<Range.Builder> {
    private final Range.Builder records = Range.builder();
    private String footerId;

    /** The range id the file's footer names, or {@code null} when it names none. */
    String footerId() {
        return footerId;
    }

    @Override
    public ReadContext init(InitContext context) {
        return new ReadContext(RangeFileFormat.RANGE_SCHEMA);
    }

    @Override
    public RecordMaterializer<Range.Builder> prepareForRead(ParquetConfiguration configuration,
            Map<String, String> footer, MessageType fileSchema, ReadContext readContext) {
        return materializer(footer);
    }

    private RecordMaterializer<Range.Builder> materializer(Map<String, String> footer) {
        footerId = footer.get(RangeFileFormat.RANGE_ID_KEY);
        GroupConverter root = new RangeRecordConverter(records);
        return new RecordMaterializer<>() {
            @Override
            public Range.Builder getCurrentRecord() {
                return records;
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
    public RecordMaterializer<Range.Builder> prepareForRead(org.apache.hadoop.conf.Configuration configuration,
            Map<String, String> footer, MessageType fileSchema, ReadContext readContext) {
        return materializer(footer);
    }
}
