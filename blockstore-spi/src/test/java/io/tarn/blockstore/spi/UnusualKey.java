package io.tarn.blockstore.spi;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.function.IntFunction;

/**
 * Keys that trip up naive stores: each must round-trip, stat and list as exactly itself. The long
 * ones are sized so that the location's whole path is exactly the store's limit (1,024 bytes).
 */
public enum UnusualKey {
    UNICODE("unicode in several scripts and an emoji", budget -> "\u00fcn\u00efc\u00f8d\u00e9/\u65e5\u672c\u8a9e/\ud83d\ude00"),
    SPACES("spaces", budget -> "with space/and  two /"),
    PERCENT("a percent sign", budget -> "100%/%"),
    ENCODED_SLASH("%2F, which is not a slash", budget -> "a%2Fb/%2e%2e"),
    PLUS("a plus sign", budget -> "a+b"),
    DOUBLE_SLASH("a double slash", budget -> "a//b"),
    LEADING_SLASH("a leading slash", budget -> "/leading"),
    DOT_DOT_SEGMENTS("'..' segments", budget -> "a/../../b"),
    DOT_SEGMENTS("'.' segments", budget -> "./a/./b/."),
    HIDDEN_NAMES("names that look hidden or reserved", budget -> ".tmp/.multipart/..."),
    TRAILING_SLASH("a trailing slash", budget -> "trailing/"),
    ONLY_SLASHES("nothing but slashes", budget -> "///"),
    DOUBLE_PERCENT("'%%'", budget -> "%%/a%%/%"),
    LONG_SINGLE_SEGMENT("a path of the maximum length in one segment", budget -> "k".repeat(budget)),
    LONG_MULTIBYTE_SEGMENT("a path of the maximum length in one segment of 2-byte characters", budget -> "\u00e9".repeat(budget / 2) + "k".repeat(budget % 2)),
    LONG_MANY_SEGMENTS("a path of the maximum length in many segments", budget -> repeatTo("ab/", budget));

    private final String description;
    private final IntFunction<String> key;

    UnusualKey(String description, IntFunction<String> key) {
        this.description = description;
        this.key = key;
    }

    /**
     * The key, below a namespace whose location path is {@code namespacePathBytes} long, for a store
     * that accepts location paths up to {@code maxPathBytes}.
     */
    public String key(int namespacePathBytes, int maxPathBytes) {
        String k = key.apply(maxPathBytes - namespacePathBytes - 1);
        if (namespacePathBytes + 1 + k.getBytes(UTF_8).length > maxPathBytes) {
            throw new IllegalStateException("Invalid test key for " + name() + ": longer than " + maxPathBytes + " bytes");
        }
        return k;
    }

    @Override
    public String toString() {
        return description;
    }

    private static String repeatTo(String unit, int bytes) {
        StringBuilder out = new StringBuilder(unit.repeat(bytes / unit.length()));
        out.append(unit, 0, bytes % unit.length());
        return out.toString();
    }
}
