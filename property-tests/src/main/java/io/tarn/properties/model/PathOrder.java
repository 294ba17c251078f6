package io.tarn.properties.model;

import java.util.Comparator;

/**
 * The model's order of paths: by Unicode code point, which is the order of their UTF-8 bytes and
 * S3's listing order. Written from that definition (compare code point by code point), not from the
 * engine's comparator.
 */
public final class PathOrder {
    /** Paths by code point. */
    public static final Comparator<String> BY_CODE_POINT = PathOrder::compare;

    private PathOrder() {
    }

    public static int compare(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
