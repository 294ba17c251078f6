package io.tarn.gateway.rest;

import io.tarn.api.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * lakeFS's paging parameters: {@code prefix}, {@code after} (return items strictly after this
 * position, usually the previous page's {@code next_offset}) and {@code amount} (100 by default, at
 * most 1000; -1 and 0 mean the most). An amount that is not a number or is out of range is a 400, as
 * lakeFS's validator answers.
 */
record Paging(String prefix, String after, int amount) {
    static final int DEFAULT_AMOUNT = 100;

    static Paging of(ApiCall call) {
        String prefix = call.query("prefix");
        String after = call.query("after");
        return new Paging(prefix == null ? "" : prefix, after == null ? "" : after, amount(call.query("amount")));
    }

    private static int amount(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_AMOUNT;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("parameter \"amount\" in query has an error: value " + raw + ": an invalid integer");
        }
        if (value < -1) {
            throw ApiError.badRequest("parameter \"amount\" in query has an error: number must be at least -1");
        }
        if (value > Json.MAX_PER_PAGE) {
            throw ApiError.badRequest("parameter \"amount\" in query has an error: number must be at most " + Json.MAX_PER_PAGE);
        }
        return value <= 0 ? Json.MAX_PER_PAGE : (int) value;
    }

    /** Reads the engine's pages of named items, in name order. */
    interface Source<T> {
        Page<T> page(String after, int amount);
    }

    /**
     * One page of the items whose names start with {@link #prefix}, after {@link #after}, from a
     * source that knows no prefixes: the scan starts just before the prefix and stops at the first
     * name past it.
     */
    <T> Page<T> filter(Source<T> source, Function<T, String> name) {
        return filter(source, name, n -> true);
    }

    /** As {@link #filter(Source, Function)}, keeping only the names {@code keep} accepts as well. */
    <T> Page<T> filter(Source<T> source, Function<T, String> name, java.util.function.Predicate<String> keep) {
        String start = after;
        if (!prefix.isEmpty()) {
            // Every name starting with the prefix sorts after the prefix less its last character.
            String beforePrefix = prefix.substring(0, prefix.offsetByCodePoints(prefix.length(), -1));
            if (compare(start, beforePrefix) < 0) {
                start = beforePrefix;
            }
        }
        List<T> out = new ArrayList<>();
        while (true) {
            Page<T> page = source.page(start, amount + 1);
            for (T item : page.items()) {
                String n = name.apply(item);
                if (n.startsWith(prefix) && keep.test(n)) {
                    if (out.size() == amount) {
                        return new Page<>(out, true, name.apply(out.get(out.size() - 1)));
                    }
                    out.add(item);
                } else if (!n.startsWith(prefix) && compare(n, prefix) > 0) {
                    return Page.last(out);
                }
                start = n;
            }
            if (!page.hasMore()) {
                return Page.last(out);
            }
        }
    }

    /** Compares by code point, which is the engine's order (UTF-8 bytes), unlike {@link String#compareTo} past U+FFFF. */
    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
