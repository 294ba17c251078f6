package io.tarn.api;

import java.util.Objects;

/**
 * Which objects of a ref to list.
 *
 * @param prefix only paths starting with this (a string prefix)
 * @param delimiter when not empty, paths with the delimiter after the prefix are rolled up into
 *     common prefixes, as in S3
 * @param after only paths (or common prefixes) strictly after this
 * @param amount at most this many objects plus common prefixes, 1 to 10,000
 */
public record ListRequest(String prefix, String delimiter, String after, int amount) {
    public static final int MAX_AMOUNT = 10_000;

    public ListRequest {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(after, "after");
        if (amount < 1 || amount > MAX_AMOUNT) {
            throw new InvalidArgumentException("amount", Integer.toString(amount), "expected 1 to " + MAX_AMOUNT);
        }
    }

    public static ListRequest all(String prefix, int amount) {
        return new ListRequest(prefix, "", "", amount);
    }
}
