package io.tarn.properties;

import io.tarn.properties.model.PathOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/** What the model says diffs and delimited listings of its trees are, in the lines the engine's are compared by. */
public final class Diffs {
    private Diffs() {
    }

    /** How {@code right} differs from {@code left}, path by path in order. */
    public static List<String> between(Map<String, String> left, Map<String, String> right) {
        TreeSet<String> paths = new TreeSet<>(PathOrder.BY_CODE_POINT);
        paths.addAll(left.keySet());
        paths.addAll(right.keySet());
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            if (!Objects.equals(left.get(p), right.get(p))) {
                out.add(EngineRepository.diffLine(p, left.get(p), right.get(p)));
            }
        }
        return out;
    }

    /** S3's listing with a delimiter: paths under the prefix, those with the delimiter after it rolled up into common prefixes. */
    public static List<String> delimited(SortedMap<String, String> tree, String prefix, String delimiter) {
        TreeSet<String> items = new TreeSet<>((a, b) -> PathOrder.compare(a.substring(a.indexOf(' ') + 1), b.substring(b.indexOf(' ') + 1)));
        for (String path : tree.keySet()) {
            if (!path.startsWith(prefix)) {
                continue;
            }
            int at = path.indexOf(delimiter, prefix.length());
            items.add(at < 0 ? "object " + path : "prefix " + path.substring(0, at + delimiter.length()));
        }
        return new ArrayList<>(items);
    }
}
