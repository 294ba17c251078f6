package io.tarn.api;

import java.util.Objects;

/**
 * Which differences to list.
 *
 * @param threeDot compare the right ref with the merge base of both ({@code left...right}: what
 *     merging right into left would bring) instead of with the left ref itself ({@code left..right})
 * @param prefix only paths starting with this
 * @param after only paths strictly after this
 * @param amount at most this many, 1 to 10,000
 */
public record DiffRequest(boolean threeDot, String prefix, String after, int amount) {
    public DiffRequest {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(after, "after");
        if (amount < 1 || amount > ListRequest.MAX_AMOUNT) {
            throw new InvalidArgumentException("amount", Integer.toString(amount), "expected 1 to " + ListRequest.MAX_AMOUNT);
        }
    }

    public static DiffRequest twoDot(int amount) {
        return new DiffRequest(false, "", "", amount);
    }
}
