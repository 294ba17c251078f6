package io.tarn.graveler.committed;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * Turns each row of a range file into a record of a {@link Range.Builder}: the key, the entry's
 * canonical encoding (assembled from the columns by {@link EncodedEntryBuilder}, never decoded) and
 * the identity. Per row it allocates little beyond the key and the encoding, which the range keeps:
 * no {@code Entry}, no maps, no strings but the key. Field indexes follow
 * {@link RangeFileFormat#RANGE_SCHEMA}. Not thread-safe.
 */
final class RangeRecordConverter extends GroupConverter {
    private final Range.Builder records;
    private final EncodedEntryBuilder entry = new EncodedEntryBuilder();
    // Range.Builder copies the identity, so one array serves every row.
    private final byte[] identity = new byte[RangeFileFormat.IDENTITY_BYTES];
    private boolean hasIdentity;
    private String key;
    private final Converter[] fields = new Converter[RangeFileFormat.RANGE_SCHEMA.getFieldCount()];

    RangeRecordConverter(Range.Builder records) {
        this.records = records;
        fields[RangeFileFormat.KEY] = new BinaryValueConverter(v -> key = v.toStringUsingUTF8());
        fields[RangeFileFormat.IDENTITY] = new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
                copyIdentity(value);
            }
        };
        fields[RangeFileFormat.ADDRESS] = new BinaryValueConverter(entry::address);
        fields[RangeFileFormat.SIZE] = new LongValueConverter(entry::size);
        fields[RangeFileFormat.ETAG] = new BinaryValueConverter(entry::etag);
        fields[RangeFileFormat.CHECKSUMS] = new MapColumnConverter(entry.checksums());
        fields[RangeFileFormat.CONTENT_TYPE] = new BinaryValueConverter(entry::contentType);
        fields[RangeFileFormat.USER_METADATA] = new MapColumnConverter(entry.userMetadata());
        fields[RangeFileFormat.TAGS] = new MapColumnConverter(entry.tags());
        fields[RangeFileFormat.LAST_MODIFIED] = new LongValueConverter(entry::lastModified);
    }

    private void copyIdentity(Binary value) {
        if (value.length() != identity.length) {
            throw new IllegalStateException("Invalid identity: " + value.length() + " bytes, expected " + identity.length);
        }
        value.toByteBuffer().get(identity);
        hasIdentity = true;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
        return fields[fieldIndex];
    }

    @Override
    public void start() {
        key = null;
        hasIdentity = false;
        entry.reset();
    }

    @Override
    public void end() {
        if (key == null || !hasIdentity) {
            throw new IllegalStateException("Invalid range record: it lacks its key or identity");
        }
        records.add(key, entry.build(), identity);
    }
}
