package io.tarn.api;

/** A commit's id: 64 lower-case hex digits, the SHA-256 of the commit's canonical encoding. */
public record CommitId(String value) {
    /** @throws InvalidArgumentException naming the value when it is not 64 lower-case hex digits */
    public CommitId {
        if (!isValid(value)) {
            throw new InvalidArgumentException("commit id", value, "expected 64 lower-case hex digits");
        }
    }

    /** Whether the string is 64 lower-case hex digits (checked by hand: ids are parsed on every read). */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
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
