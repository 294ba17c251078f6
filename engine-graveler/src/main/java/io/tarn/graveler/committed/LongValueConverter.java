package io.tarn.graveler.committed;

import java.util.function.LongConsumer;
import org.apache.parquet.io.api.PrimitiveConverter;

/** Hands each value of an INT64 column to a sink, unboxed. */
final class LongValueConverter extends PrimitiveConverter {
    private final LongConsumer sink;

    LongValueConverter(LongConsumer sink) {
        this.sink = sink;
    }

    @Override
    public void addLong(long value) {
        sink.accept(value);
    }
}
