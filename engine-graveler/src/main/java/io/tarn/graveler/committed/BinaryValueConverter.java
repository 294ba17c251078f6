package io.tarn.graveler.committed;

import java.util.function.Consumer;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * Hands each value of a binary column to a sink, whether the page stores it plainly or as a
 * dictionary id: a dictionary's values are looked up once per page, not once per row.
 */
final class BinaryValueConverter extends PrimitiveConverter {
    private final Consumer<Binary> sink;
    private Binary[] dictionary = new Binary[0];

    BinaryValueConverter(Consumer<Binary> sink) {
        this.sink = sink;
    }

    @Override
    public boolean hasDictionarySupport() {
        return true;
    }

    @Override
    public void setDictionary(Dictionary pageDictionary) {
        dictionary = new Binary[pageDictionary.getMaxId() + 1];
        for (int id = 0; id < dictionary.length; id++) {
            dictionary[id] = pageDictionary.decodeToBinary(id);
        }
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
        sink.accept(dictionary[dictionaryId]);
    }

    @Override
    public void addBinary(Binary value) {
        sink.accept(value);
    }
}
