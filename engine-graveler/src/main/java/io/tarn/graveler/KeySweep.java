package io.tarn.graveler;

import io.tarn.graveler.meta.KeyValue;
import io.tarn.graveler.meta.MetadataStore;
import io.tarn.graveler.meta.WriteBatch;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes every key under a prefix in bounded batches: how a dropped staging token or a deleted
 * repository's keys go. Not atomic as a whole; callers first make the keys unreachable (drop the
 * token from the branch, the repository record), so a sweep cut short leaves only garbage.
 */
final class KeySweep {
    private static final int CHUNK = 10_000;

    private KeySweep() {
    }

    static void deleteUnder(MetadataStore store, byte[] prefix) {
        while (true) {
            List<byte[]> keys;
            try (Stream<KeyValue> s = store.scan(prefix, null)) {
                keys = s.limit(CHUNK).map(KeyValue::key).toList();
            }
            if (keys.isEmpty()) {
                return;
            }
            WriteBatch batch = new WriteBatch();
            keys.forEach(batch::delete);
            store.write(batch);
        }
    }
}
