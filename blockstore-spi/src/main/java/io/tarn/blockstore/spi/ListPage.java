package io.tarn.blockstore.spi;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param objects in ascending key order
 * @param truncated true when more objects follow; ask again with {@link #lastLocation()} as start-after
 */
public record ListPage(List<ObjectStat> objects, boolean truncated) {
    public static final ListPage EMPTY = new ListPage(List.of(), false);

    public ListPage {
        objects = List.copyOf(objects);
    }

    /** The last object's location, or {@code null} for an empty page. */
    public Location lastLocation() {
        return objects.isEmpty() ? null : objects.get(objects.size() - 1).location();
    }
}
