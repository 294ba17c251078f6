package io.tarn.graveler.committed;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * The on-storage format of range and metarange files: their Parquet schemas and footer keys. It is
 * read by other tools (DuckDB, pyarrow, Spark query a commit directly), so the columns are typed
 * (strings, maps, a UTC timestamp) rather than one opaque blob, and a change is a new
 * {@link #VERSION}.
 *
 * <p>A range file has one row per record, in key order. Maps hold their pairs in the order
 * {@link EntryCodec} keeps them (sorted by key). {@code checksums} is optional so that other writers
 * may leave it out; Tarn writes every map, empty ones as empty maps.
 */
final class RangeFileFormat {
    /** Footer key naming what the file holds: {@link #RANGE} or {@link #METARANGE}. */
    static final String FORMAT_KEY = "tarn.format";
    /** Footer key holding the format version. */
    static final String VERSION_KEY = "tarn.version";
    static final String VERSION = "1";
    static final String RANGE = "range";
    static final String METARANGE = "metarange";
    /** Footer key holding the range id, which a reader checks against the records. */
    static final String RANGE_ID_KEY = "tarn.range.id";
    /** Footer key holding the metarange id, which a reader checks against the ranges. */
    static final String METARANGE_ID_KEY = "tarn.metarange.id";

    static final int IDENTITY_BYTES = 32;

    // Field indexes of RANGE_SCHEMA, in declaration order.
    static final int KEY = 0;
    static final int IDENTITY = 1;
    static final int ADDRESS = 2;
    static final int SIZE = 3;
    static final int ETAG = 4;
    static final int CHECKSUMS = 5;
    static final int CONTENT_TYPE = 6;
    static final int USER_METADATA = 7;
    static final int TAGS = 8;
    static final int LAST_MODIFIED = 9;

    /** The repeated group inside every map column, and its two fields. */
    static final String MAP_KEY_VALUE = "key_value";
    static final String MAP_KEY = "key";
    static final String MAP_VALUE = "value";

    static final MessageType RANGE_SCHEMA = Types.buildMessage()
            .required(BINARY).as(stringType()).named("key")
            .required(FIXED_LEN_BYTE_ARRAY).length(IDENTITY_BYTES).named("identity")
            .required(BINARY).as(stringType()).named("address")
            .required(INT64).named("size")
            .required(BINARY).as(stringType()).named("etag")
            .optionalMap().key(BINARY).as(stringType()).requiredValue(BINARY).as(stringType()).named("checksums")
            .required(BINARY).as(stringType()).named("content_type")
            .requiredMap().key(BINARY).as(stringType()).requiredValue(BINARY).as(stringType()).named("user_metadata")
            .requiredMap().key(BINARY).as(stringType()).requiredValue(BINARY).as(stringType()).named("tags")
            .required(INT64).as(timestampType(true, TimeUnit.MILLIS)).named("last_modified")
            .named("tarn_range");

    // Field indexes of METARANGE_SCHEMA, in declaration order.
    static final int RANGE_ID = 0;
    static final int MIN_KEY = 1;
    static final int MAX_KEY = 2;
    static final int COUNT = 3;
    static final int BYTES = 4;

    static final MessageType METARANGE_SCHEMA = Types.buildMessage()
            .required(BINARY).as(stringType()).named("range_id")
            .required(BINARY).as(stringType()).named("min_key")
            .required(BINARY).as(stringType()).named("max_key")
            .required(INT64).named("count")
            .required(INT64).named("bytes")
            .named("tarn_metarange");

    private RangeFileFormat() {
    }
}
