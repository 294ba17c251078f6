package io.tarn.graveler.committed;

import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * What range and metarange writers share: a fixed schema, footer metadata, and typed field writes
 * against parquet's record consumer. One instance per file; not thread-safe.
 */
abstract class CommittedWriteSupport<T> extends WriteSupport<T> {
    private final MessageType schema;
    private final Map<String, String> footer;
    protected RecordConsumer out;

    CommittedWriteSupport(MessageType schema, Map<String, String> footer) {
        this.schema = schema;
        this.footer = Map.copyOf(footer);
    }

    @Override
    public final WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, footer);
    }

    /** Abstract and deprecated in parquet; Tarn never passes a Hadoop configuration (docs/adr/0001). */
    @Override
    @SuppressWarnings("deprecation")
    public final WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(schema, footer);
    }

    @Override
    public final void prepareForWrite(RecordConsumer recordConsumer) {
        out = recordConsumer;
    }

    protected final String fieldName(int field) {
        return schema.getFieldName(field);
    }

    protected final void binary(int field, Binary value) {
        String name = fieldName(field);
        out.startField(name, field);
        out.addBinary(value);
        out.endField(name, field);
    }

    protected final void int64(int field, long value) {
        String name = fieldName(field);
        out.startField(name, field);
        out.addLong(value);
        out.endField(name, field);
    }
}
