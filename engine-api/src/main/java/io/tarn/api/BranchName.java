package io.tarn.api;

/**
 * A branch's name: letters, digits, {@code _} and {@code -}, starting with a letter, digit or
 * {@code _} (lakeFS's rule, so names move between the two unchanged). At most 255 characters.
 */
public record BranchName(String value) {

    /** @throws InvalidArgumentException naming the value when it is not a valid branch name */
    public BranchName {
        if (!isValid(value)) {
            throw new InvalidArgumentException("branch name", value,
                    "expected letters, digits, '_' or '-', starting with a letter, digit or '_', at most 255 characters");
        }
    }

    /** Whether the string is a valid branch name (checked by hand: names are parsed on every request). */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > 255) {
            return false;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            boolean ok = Character.isLetter(cp) || Character.isDigit(cp) || Character.getType(cp) == Character.LETTER_NUMBER
                    || Character.getType(cp) == Character.OTHER_NUMBER || cp == '_' || i > 0 && cp == '-';
            if (!ok) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
