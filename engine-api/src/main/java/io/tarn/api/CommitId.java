package io.tarn.api;

import java.util.regex.Pattern;

/** A commit's id: 64 lower-case hex digits, the SHA-256 of the commit's canonical encoding. */
public record CommitId(String value) {
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{64}");

    /** @throws InvalidArgumentException naming the value when it is not 64 lower-case hex digits */
    public CommitId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidArgumentException("commit id", value, "expected 64 lower-case hex digits");
        }
    }

    /** The first 12 digits, for display. */
    public String abbreviated() {
        return value.substring(0, 12);
    }

    @Override
    public String toString() {
        return value;
    }
}
