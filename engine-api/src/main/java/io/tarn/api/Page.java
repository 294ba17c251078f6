package io.tarn.api;

import java.util.List;

/**
 * One page of a listing, in the listing's order.
 *
 * @param nextAfter pass as {@code after} to get the next page; {@code null} when there is none
 */
public record Page<T>(List<T> items, boolean hasMore, String nextAfter) {
    public Page {
        items = List.copyOf(items);
        if (hasMore && nextAfter == null) {
            throw new IllegalArgumentException("Invalid page: it has more items but no position to continue after");
        }
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, false, null);
    }
}
