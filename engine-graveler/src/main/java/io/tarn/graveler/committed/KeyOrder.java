package io.tarn.graveler.committed;

import java.util.Comparator;

/**
 * The order of object paths everywhere in Tarn: unsigned lexicographic order of their UTF-8 bytes,
 * which is S3's listing order and the metadata store's key order. It equals code point order, and
 * differs from {@link String#compareTo} (UTF-16 order) only for characters above U+FFFF against
 * characters from U+E000 to U+FFFF.
 */
public final class KeyOrder {
    /** Paths in UTF-8 byte order. */
    public static final Comparator<String> COMPARATOR = KeyOrder::compare;

    private KeyOrder() {
    }

    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    // Surrogates (U+D800..DFFF) encode code points above U+FFFF: move them above U+E000..FFFF.
                    x = fixup(x);
                    y = fixup(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static char fixup(char c) {
        return c >= 0xE000 ? (char) (c - 0x800) : (char) (c + 0x2000);
    }
}
