package io.tarn.api;

import java.util.regex.Pattern;

/**
 * A branch's name: letters, digits, {@code _} and {@code -}, starting with a letter, digit or
 * {@code _} (lakeFS's rule, so names move between the two unchanged). At most 255 characters.
 */
public record BranchName(String value) {
    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]{0,254}");

    /** @throws InvalidArgumentException naming the value when it is not a valid branch name */
    public BranchName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidArgumentException("branch name", value,
                    "expected letters, digits, '_' or '-', starting with a letter, digit or '_', at most 255 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
