package io.tarn.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part sizes of an object assembled by a multipart upload, kept with its entry so that a part
 * can be read back by number (S3's {@code partNumber}). It is stored in the entry's user metadata
 * under {@link #KEY}; names starting with {@code :} are Tarn's own, never a user's. The value is
 * run-length encoded ({@code 8388608*12,1048576}), so the usual layout of equal parts and a shorter
 * last one stays a few bytes even for 10,000 parts.
 */
public final class PartLayout {
    /** The user-metadata name the layout is kept under. */
    public static final String KEY = ":part-sizes";

    private final long[] sizes;

    private PartLayout(long[] sizes) {
        this.sizes = sizes;
    }

    public static PartLayout of(List<Long> sizes) {
        if (sizes.isEmpty()) {
            throw new InvalidArgumentException("part sizes", "[]", "an object has at least one part");
        }
        return new PartLayout(sizes.stream().mapToLong(Long::longValue).toArray());
    }

    /** The layout recorded in an entry's metadata, or {@code null} when it was not written in parts. */
    public static PartLayout of(Entry entry) {
        String value = entry.userMetadata().get(KEY);
        return value == null ? null : parse(value);
    }

    /** @throws InvalidArgumentException naming the value when it is not a layout */
    public static PartLayout parse(String value) {
        List<Long> sizes = new ArrayList<>();
        try {
            for (String run : value.split(",")) {
                int star = run.indexOf('*');
                long size = Long.parseLong(star < 0 ? run : run.substring(0, star));
                int count = star < 0 ? 1 : Integer.parseInt(run.substring(star + 1));
                if (size < 0 || count < 1 || sizes.size() + count > 10_000) {
                    throw new NumberFormatException();
                }
                for (int i = 0; i < count; i++) {
                    sizes.add(size);
                }
            }
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("part sizes", value, "expected size*count runs separated by commas");
        }
        return of(sizes);
    }

    /** The encoded layout, for {@link #KEY}. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sizes.length;) {
            int j = i;
            while (j < sizes.length && sizes[j] == sizes[i]) {
                j++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(sizes[i]);
            if (j - i > 1) {
                out.append('*').append(j - i);
            }
            i = j;
        }
        return out.toString();
    }

    /** The metadata with this layout added. */
    public Map<String, String> addTo(Map<String, String> userMetadata) {
        Map<String, String> out = new java.util.HashMap<>(userMetadata);
        out.put(KEY, encode());
        return out;
    }

    public int count() {
        return sizes.length;
    }

    /**
     * The first byte and the length of part {@code number} (from 1).
     *
     * @throws IndexOutOfBoundsException when there is no such part
     */
    public long[] span(int number) {
        if (number < 1 || number > sizes.length) {
            throw new IndexOutOfBoundsException("part " + number + " of " + sizes.length);
        }
        long offset = 0;
        for (int i = 0; i < number - 1; i++) {
            offset += sizes[i];
        }
        return new long[] {offset, sizes[number - 1]};
    }
}
