package io.tarn.api;

/**
 * A tag's name, by Git's rules for a single ref component: no {@code /}, no control characters,
 * spaces or {@code ~ ^ : ? * [ \}, no {@code ..} or {@code @{}, not {@code @} alone, not starting
 * with {@code -} or {@code .}, not ending with {@code .} or {@code .lock}. At most 255 characters.
 */
public record TagName(String value) {
    /** @throws InvalidArgumentException naming the value and the rule it breaks */
    public TagName {
        String problem = value == null ? "it is missing" : problem(value);
        if (problem != null) {
            throw new InvalidArgumentException("tag name", value, problem);
        }
    }

    /** Whether the string is a valid tag name (no exception: refs are resolved on every request). */
    public static boolean isValid(String value) {
        return value != null && problem(value) == null;
    }

    private static String problem(String v) {
        if (v.isEmpty() || v.length() > 255) {
            return "expected 1 to 255 characters";
        }
        if (v.equals("@")) {
            return "'@' alone is not a tag name";
        }
        if (v.startsWith("-") || v.startsWith(".")) {
            return "it cannot start with '-' or '.'";
        }
        if (v.endsWith(".") || v.endsWith(".lock")) {
            return "it cannot end with '.' or '.lock'";
        }
        if (v.contains("..") || v.contains("@{")) {
            return "it cannot contain '..' or '@{'";
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c == 0x7f || "/~^:?*[\\".indexOf(c) >= 0) {
                return "it cannot contain control characters, spaces or any of / ~ ^ : ? * [ \\";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
