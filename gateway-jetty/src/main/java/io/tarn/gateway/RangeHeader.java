package io.tarn.gateway;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range of an HTTP {@code Range} header, as the S3 gateway and the REST API read it:
 * {@code bytes=first-last} (inclusive), {@code bytes=first-} (to the end) or {@code bytes=-n} (the
 * last n bytes). What each API does with a header that names no such range differs: S3 serves the
 * whole object, lakeFS answers 416.
 *
 * @param first the first byte, or -1 for a suffix range
 * @param last the last byte, or -1 for an open or suffix range
 * @param suffix the suffix length, or -1
 */
public record RangeHeader(long first, long last, long suffix) {
    private static final Pattern SPEC = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /**
     * The range the header names, or {@code null} when it is absent or names no single valid byte
     * range: another unit, several ranges, a malformed value, or a last byte before the first.
     */
    public static RangeHeader parse(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = SPEC.matcher(header.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) {
                return new RangeHeader(-1, -1, Long.parseLong(m.group(2)));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? -1 : Long.parseLong(m.group(2));
            return last >= 0 && last < first ? null : new RangeHeader(first, last, -1);
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }

    /**
     * The bytes this range covers in an object of {@code size} bytes, or {@code null} when it covers
     * none (a first byte at or past the end, an empty suffix, any range of an empty object): a 416.
     * A last byte past the end is clamped to the end, and a suffix longer than the object covers it all.
     */
    public Span resolve(long size) {
        if (suffix >= 0) {
            return suffix == 0 || size == 0 ? null : new Span(Math.max(0, size - suffix), size - 1);
        }
        if (first >= size) {
            return null;
        }
        return new Span(first, last < 0 ? size - 1 : Math.min(last, size - 1));
    }

    /** Bytes {@code first} to {@code last} of an object, both included. */
    public record Span(long first, long last) {
        public long length() {
            return last - first + 1;
        }

        /** The {@code Content-Range} value for an object of {@code size} bytes. */
        public String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }
}
