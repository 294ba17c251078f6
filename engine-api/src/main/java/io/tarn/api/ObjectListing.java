package io.tarn.api;

import java.util.List;

/**
 * One page of objects and, with a delimiter, common prefixes, together in key order.
 *
 * @param nextAfter where the next page starts after; {@code null} when {@code hasMore} is false
 */
public record ObjectListing(List<PathEntry> objects, List<String> commonPrefixes, boolean hasMore, String nextAfter) {
    public ObjectListing {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
    }

    /** A path and its entry. */
    public record PathEntry(String path, Entry entry) {
    }
}
