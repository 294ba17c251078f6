package io.tarn.properties.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The three-way merge of DESIGN §5, written from the specification: per path with base B, source S
 * and destination D (values compared by equality, {@code null} = absent): S = D → D; S = B → D;
 * D = B → S; otherwise a conflict, which the strategy resolves (source wins, destination wins) or
 * reports. See docs/merge-semantics.md.
 */
public final class MergeRule {
    /** What to do with a conflicting path. */
    public enum Strategy { NONE, SOURCE_WINS, DEST_WINS }

    /** One conflicting path and its three values ({@code null} = absent). */
    public record Conflict(String path, String base, String source, String destination) {
        @Override
        public String toString() {
            return path + " (base " + show(base) + ", source " + show(source) + ", destination " + show(destination) + ")";
        }
    }

    /**
     * The merged tree and every conflict, in path order.
     *
     * @param tree the merged tree; {@code null} when there are conflicts and the strategy is NONE
     */
    public record Outcome(SortedMap<String, String> tree, List<Conflict> conflicts) {
    }

    private MergeRule() {
    }

    /** Whether the path conflicts: source and destination both changed it from the base, differently. */
    public static boolean conflicts(String base, String source, String destination) {
        return !Objects.equals(source, destination) && !Objects.equals(source, base) && !Objects.equals(destination, base);
    }

    /** The value a path takes (null = absent); for a conflict, the value the strategy picks (NONE keeps D). */
    public static String resolve(String base, String source, String destination, Strategy strategy) {
        if (Objects.equals(source, destination) || Objects.equals(source, base)) {
            return destination;
        }
        if (Objects.equals(destination, base)) {
            return source;
        }
        return strategy == Strategy.SOURCE_WINS ? source : destination;
    }

    public static Outcome merge(SortedMap<String, String> base, SortedMap<String, String> source, SortedMap<String, String> destination,
            Strategy strategy) {
        TreeSet<String> paths = new TreeSet<>(PathOrder.BY_CODE_POINT);
        paths.addAll(base.keySet());
        paths.addAll(source.keySet());
        paths.addAll(destination.keySet());
        SortedMap<String, String> tree = new TreeMap<>(PathOrder.BY_CODE_POINT);
        List<Conflict> conflicts = new ArrayList<>();
        for (String path : paths) {
            String b = base.get(path);
            String s = source.get(path);
            String d = destination.get(path);
            if (conflicts(b, s, d)) {
                conflicts.add(new Conflict(path, b, s, d));
            }
            String value = resolve(b, s, d, strategy);
            if (value != null) {
                tree.put(path, value);
            }
        }
        return new Outcome(conflicts.isEmpty() || strategy != Strategy.NONE ? tree : null, conflicts);
    }

    static String show(String value) {
        return value == null ? "absent" : "'" + value + "'";
    }
}
