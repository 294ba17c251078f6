package io.tarn.graveler.committed;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used map bounded by the summed weight of its values, not their number. Values
 * heavier than the whole budget are not kept. Thread-safe (one lock; lookups are short).
 */
final class ByteBoundedCache<K, V> {
    private final long capacity;
    private final ToLongFunction<V> weigher;
    private final BiConsumer<K, V> onEvict;
    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(256, 0.75f, true);
    private long weight;
    private long hits;
    private long misses;

    ByteBoundedCache(long capacity, ToLongFunction<V> weigher) {
        this(capacity, weigher, (k, v) -> {
        });
    }

    /** @param onEvict called, under the cache's lock, for each value dropped to make room (or too heavy to keep), not for a value replaced under the same key */
    ByteBoundedCache(long capacity, ToLongFunction<V> weigher, BiConsumer<K, V> onEvict) {
        if (capacity < 0) {
            throw new IllegalArgumentException("Invalid cache capacity " + capacity + ": it cannot be negative");
        }
        this.capacity = capacity;
        this.weigher = weigher;
        this.onEvict = onEvict;
    }

    synchronized V get(K key) {
        V v = map.get(key);
        if (v == null) {
            misses++;
        } else {
            hits++;
        }
        return v;
    }

    /** Adds the value, evicting the least recently used ones; returns the evicted keys' count. */
    synchronized int put(K key, V value) {
        long w = weigher.applyAsLong(value);
        V old = map.remove(key);
        if (old != null) {
            weight -= weigher.applyAsLong(old);
        }
        if (w > capacity) {
            onEvict.accept(key, value);
            return 0;
        }
        map.put(key, value);
        weight += w;
        int evicted = 0;
        Iterator<Map.Entry<K, V>> it = map.entrySet().iterator();
        while (weight > capacity && it.hasNext()) {
            Map.Entry<K, V> eldest = it.next();
            weight -= weigher.applyAsLong(eldest.getValue());
            it.remove();
            onEvict.accept(eldest.getKey(), eldest.getValue());
            evicted++;
        }
        return evicted;
    }

    /** Drops the key, without calling the eviction listener. */
    synchronized void remove(K key) {
        V old = map.remove(key);
        if (old != null) {
            weight -= weigher.applyAsLong(old);
        }
    }

    synchronized long weight() {
        return weight;
    }

    synchronized String stats() {
        return map.size() + " entries, " + weight + " of " + capacity + " bytes, " + hits + " hits, " + misses + " misses";
    }
}
