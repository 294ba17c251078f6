package io.tarn.blockstore.azure;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing in unsigned UTF-8 byte order, from a service that may list in UTF-16
 * code-unit order instead (Azurite does; the two differ for keys holding characters at or above
 * U+E000 and characters outside the BMP).
 *
 * <p>Why a page can be fixed up locally: the two orders agree on every pair of keys except where,
 * at their first difference, one has a surrogate (U+D800..DFFF) and the other a unit at or above
 * U+E000. Call a key's <em>stable prefix</em> the part before its first unit at or above U+D800.
 * Keys that hold such a unit and share their stable prefix P form a group that is contiguous in
 * both orders, and groups and plain keys follow each other in the same order in both. So the
 * service's order becomes byte order by sorting each group on its own; the listing reads on until
 * a group it has started is complete. A group is the keys below one directory-like prefix whose
 * next character is an emoji or a character from U+E000 up, so it is small in practice; it is held
 * in memory whole.
 *
 * @param <T> a listed item
 */
final class ByteOrderListing<T> {
    /** Unsigned byte order of the UTF-8 encodings. */
    static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));
    private static final char FIRST_HIGH_UNIT = '\uD800';

    private final Function<T, String> name;

    ByteOrderListing(Function<T, String> name) {
        this.name = name;
    }

    /**
     * Where the service should start listing so that no key after {@code startAfter} in byte order
     * is missed: {@code startAfter} itself when it holds no unit at or above U+D800, else its stable
     * prefix followed by U+D7FF, the start of the group it belongs to in either order.
     */
    static String serviceStart(String startAfter) {
        int i = stablePrefixLength(startAfter);
        return i == startAfter.length() ? startAfter : startAfter.substring(0, i) + '\uD7FF';
    }

    /**
     * The first {@code maxKeys} items after {@code startAfter} (or from the start when it is
     * {@code null}) in byte order, plus whether more follow, from {@code items} in the service's order.
     */
    Page<T> page(Iterator<T> items, String startAfter, int maxKeys) {
        List<T> out = new ArrayList<>();
        List<T> group = new ArrayList<>();
        String groupPrefix = null;
        while (items.hasNext()) {
            T item = items.next();
            String key = name.apply(item);
            if (startAfter != null && UTF8_ORDER.compare(key, startAfter) <= 0) {
                continue;
            }
            int stable = stablePrefixLength(key);
            String prefix = stable == key.length() ? null : key.substring(0, stable);
            if (groupPrefix != null && !groupPrefix.equals(prefix)) {
                flush(group, out);
                groupPrefix = null;
            }
            if (prefix == null) {
                out.add(item);
            } else {
                group.add(item);
                groupPrefix = prefix;
            }
            if (groupPrefix == null && out.size() > maxKeys) {
                break;
            }
        }
        flush(group, out);
        boolean truncated = out.size() > maxKeys;
        return new Page<>(truncated ? out.subList(0, maxKeys) : out, truncated);
    }

    private void flush(List<T> group, List<T> out) {
        group.sort(Comparator.comparing(name, UTF8_ORDER));
        out.addAll(group);
        group.clear();
    }

    private static int stablePrefixLength(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) >= FIRST_HIGH_UNIT) {
                return i;
            }
        }
        return key.length();
    }

    /** Items in byte order, and whether more follow. */
    record Page<T>(List<T> items, boolean truncated) {
    }
}
