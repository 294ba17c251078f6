package io.tarn.graveler.committed;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A committed tree: its ranges in key order, each range's keys all after the previous range's.
 * The id is SHA-256 over a versioned encoding of the range list (id, min key, max key, count, bytes
 * of each), so it names the file {@code _tarn/metaranges/<id>.parquet}. The empty tree has no
 * ranges. Immutable.
 */
public record MetaRange(String id, List<RangeInfo> ranges) {
    private static final byte ID_VERSION = 1;

    public MetaRange {
        Objects.requireNonNull(id, "id");
        ranges = List.copyOf(ranges);
    }

    /** The metarange over these ranges, with its id computed. */
    public static MetaRange of(List<RangeInfo> ranges) {
        for (int i = 1; i < ranges.size(); i++) {
            if (KeyOrder.compare(ranges.get(i - 1).maxKey(), ranges.get(i).minKey()) >= 0) {
                throw new IllegalArgumentException("Invalid metarange: range " + ranges.get(i).id() + " starts at '"
                        + ranges.get(i).minKey() + "', not after the previous range's last key '" + ranges.get(i - 1).maxKey() + "'");
            }
        }
        MessageDigest digest = Range.sha256();
        EntryCodec.ByteSink out = new EntryCodec.ByteSink(64 + ranges.size() * 128);
        out.writeByte(ID_VERSION);
        for (RangeInfo r : ranges) {
            out.writeString(r.id());
            out.writeString(r.minKey());
            out.writeString(r.maxKey());
            out.writeLong(r.count());
            out.writeLong(r.bytes());
        }
        digest.update(out.toByteArray());
        return new MetaRange(HexFormat.of().formatHex(digest.digest()), ranges);
    }

    /** The tree with no entries. */
    public static MetaRange empty() {
        return of(List.of());
    }

    public long count() {
        long n = 0;
        for (RangeInfo r : ranges) {
            n += r.count();
        }
        return n;
    }

    /** The index of the range whose key span holds {@code key}, or -1 when no range could hold it. */
    public int rangeFor(String key) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            RangeInfo r = ranges.get(mid);
            if (KeyOrder.compare(r.maxKey(), key) < 0) {
                lo = mid + 1;
            } else if (KeyOrder.compare(r.minKey(), key) > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The index of the first range whose last key is at or after {@code key} (ranges.size() if none). */
    public int firstRangeEndingAtOrAfter(String key) {
        int lo = 0;
        int hi = ranges.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (KeyOrder.compare(ranges.get(mid).maxKey(), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

}
