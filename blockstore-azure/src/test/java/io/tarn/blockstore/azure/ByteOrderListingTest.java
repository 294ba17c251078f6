package io.tarn.blockstore.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Byte-order pages from a listing in UTF-16 order (Azurite's) and from one already in byte order:
 * the service is stood in for by a sorted list, read from where {@link ByteOrderListing#serviceStart} says.
 */
class ByteOrderListingTest {
    private static final String[] ALPHABET = {"a", "b", "/", "\u00e9", "\ud83d\ude00", "\ud800\udc00", "\ue000", "\uff21", "\ud7ff", "z"};
    private final ByteOrderListing<String> listing = new ByteOrderListing<>(Function.identity());

    private static List<String> keys() {
        Random random = new Random(42);
        List<String> keys = new ArrayList<>();
        while (keys.size() < 600) {
            StringBuilder key = new StringBuilder();
            for (int i = 1 + random.nextInt(5); i > 0; i--) {
                key.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            if (!keys.contains(key.toString())) {
                keys.add(key.toString());
            }
        }
        return keys;
    }

    /** Pages of {@code size} through the whole listing, as a client of the store would ask for them. */
    private List<String> pageThrough(List<String> keys, Comparator<String> serviceOrder, int size) {
        List<String> sorted = keys.stream().sorted(serviceOrder).toList();
        List<String> all = new ArrayList<>();
        String after = null;
        ByteOrderListing.Page<String> page;
        do {
            String start = after == null ? null : ByteOrderListing.serviceStart(after);
            List<String> fromStart = sorted.stream().filter(k -> start == null || serviceOrder.compare(k, start) >= 0).toList();
            page = listing.page(fromStart.iterator(), after, size);
            assertThat(page.items().size()).isLessThanOrEqualTo(size);
            all.addAll(page.items());
            after = page.items().isEmpty() ? after : page.items().get(page.items().size() - 1);
        } while (page.truncated());
        return all;
    }

    @Test
    @DisplayName("a service listing in UTF-16 order pages out in UTF-8 byte order, for every page size")
    void fromUtf16Order() {
        List<String> keys = keys();
        List<String> expected = keys.stream().sorted(ByteOrderListing.UTF8_ORDER).toList();
        assertThat(keys.stream().sorted().toList()).as("the orders differ for these keys").isNotEqualTo(expected);

        for (int size : new int[] {1, 2, 3, 7, 50, 1000}) {
            assertThat(pageThrough(keys, Comparator.naturalOrder(), size)).as("pages of %d", size).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @DisplayName("a service already listing in byte order pages out unchanged")
    void fromUtf8Order() {
        List<String> keys = keys();
        List<String> expected = keys.stream().sorted(ByteOrderListing.UTF8_ORDER).toList();

        for (int size : new int[] {1, 4, 1000}) {
            assertThat(pageThrough(keys, ByteOrderListing.UTF8_ORDER, size)).as("pages of %d", size).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @DisplayName("the page after a key holding an emoji starts where byte order says, before keys the service lists earlier")
    void startAfterHighKey() {
        List<String> utf16 = List.of("a", "a\ud83d\ude00", "a\ud83d\ude00b", "a\uff21", "b").stream().sorted().toList();

        ByteOrderListing.Page<String> page = listing.page(utf16.iterator(), "a\uff21", 10);

        assertThat(page.items()).containsExactly("a\ud83d\ude00", "a\ud83d\ude00b", "b");
        assertThat(page.truncated()).isFalse();
        assertThat(ByteOrderListing.serviceStart("a\uff21")).isEqualTo("a\ud7ff");
        assertThat(ByteOrderListing.serviceStart("a/b")).isEqualTo("a/b");
    }
}
