package io.tarn.graveler.committed;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;

/**
 * Reads a {@code MAP<string, string>} column (a group holding a repeated {@code key_value} group of
 * {@code key} and {@code value}) into the current row's {@link EncodedEntryBuilder.Pairs}. A map that
 * is absent or empty adds no pairs.
 */
final class MapColumnConverter extends GroupConverter {
    private final KeyValueConverter keyValue;

    /** @param pairs where each row's pairs go (cleared between rows by their builder) */
    MapColumnConverter(EncodedEntryBuilder.Pairs pairs) {
        this.keyValue = new KeyValueConverter(pairs);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
        return keyValue;
    }

    @Override
    public void start() {
    }

    @Override
    public void end() {
    }

    private static final class KeyValueConverter extends GroupConverter {
        private final EncodedEntryBuilder.Pairs pairs;
        private Binary key;
        private Binary value;
        private final Converter[] fields = {new BinaryValueConverter(v -> key = v), new BinaryValueConverter(v -> value = v)};

        KeyValueConverter(EncodedEntryBuilder.Pairs pairs) {
            this.pairs = pairs;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
            key = null;
            value = null;
        }

        @Override
        public void end() {
            if (key == null || value == null) {
                throw new IllegalStateException("Invalid map entry: it lacks its key or value");
            }
            pairs.add(key, value);
        }
    }
}
