package io.tarn.properties.laws;

import io.tarn.properties.EngineUnderTest;
import io.tarn.properties.Sides;
import io.tarn.properties.model.PathOrder;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Shared vocabulary of the law tests. */
final class Laws {
    private Laws() {
    }

    /** Checks a law over random sides ({@code tries} by default, {@code -Dtarn.tries} otherwise), each on a new repository. */
    static void check(String name, double overlap, EngineUnderTest engine, int tries, Sides.LawCheck law) {
        Sides.law(name, overlap, engine, law).run(tries);
    }

    static <T> void agree(String what, T expected, T actual) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + " differ:\n  expected: " + expected + "\n  actual:   " + actual);
        }
    }

    static TreeSet<String> union(Map<String, String> a, Map<String, String> b) {
        TreeSet<String> out = new TreeSet<>(PathOrder.BY_CODE_POINT);
        out.addAll(a.keySet());
        out.addAll(b.keySet());
        return out;
    }
}
