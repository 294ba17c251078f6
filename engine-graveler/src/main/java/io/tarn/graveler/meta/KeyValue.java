package io.tarn.graveler.meta;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** One entry of a {@link MetadataStore}. Arrays are owned by the record: do not modify them. */
public record KeyValue(byte[] key, byte[] value) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue kv && Arrays.equals(key, kv.key) && Arrays.equals(value, kv.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KeyValue[" + HexFormat.of().formatHex(key) + " -> " + value.length + " bytes]";
    }
}
