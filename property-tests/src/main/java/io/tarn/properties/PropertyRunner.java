package io.tarn.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A small seeded property harness with shrinking (docs/adr/0003-property-testing.md).
 *
 * <p>Each try draws its case from its own seed: the run's seed plus the try's number. The run's seed
 * is {@code -Dtarn.seed} when given, otherwise drawn at random; the number of tries is
 * {@code -Dtarn.tries} when given, otherwise the property's default. A failing case is shrunk (the
 * first simpler candidate that still fails replaces it, until none does) and reported with its seed,
 * so that {@code -Dtarn.seed=<seed> -Dtarn.tries=1} replays exactly it.
 *
 * @param <T> the case type
 */
public final class PropertyRunner<T> {
    /** Draws a case from a seeded source of randomness. */
    public interface Generator<T> {
        T generate(SplittableRandom random);
    }

    /** The property: returns normally when it holds, throws (an {@link AssertionError} usually) when it does not. */
    public interface Property<T> {
        void check(T value) throws Exception;
    }

    /** What a shrunk failure looks like. */
    public record Counterexample<T>(long seed, T original, T shrunk, Throwable failure, int shrinkSteps) {
    }

    private static final int MAX_SHRINK_CHECKS = 2_000;

    private final String name;
    private final Generator<T> generator;
    private final Function<T, List<T>> shrinker;
    private final Function<T, String> describer;
    private final Property<T> property;
    private java.util.function.BiFunction<T, Throwable, T> trim = (value, failure) -> value;
    private Property<T> whileShrinking;

    public PropertyRunner(String name, Generator<T> generator, Function<T, List<T>> shrinker, Function<T, String> describer,
            Property<T> property) {
        this.name = name;
        this.generator = generator;
        this.shrinker = shrinker;
        this.describer = describer;
        this.property = property;
    }

    /**
     * How to cut a failing case down before shrinking, knowing its failure: a stateful run keeps
     * only the steps up to the one that failed.
     */
    public PropertyRunner<T> trimmingWith(java.util.function.BiFunction<T, Throwable, T> trimmer) {
        this.trim = trimmer;
        return this;
    }

    /**
     * A cheaper check for shrink candidates, which must still fail only where the property fails
     * (a stateful run observes the engine after the last step only).
     */
    public PropertyRunner<T> shrinkingWith(Property<T> cheaperCheck) {
        this.whileShrinking = cheaperCheck;
        return this;
    }

    /** The run's seed: {@code -Dtarn.seed}, or a random one. */
    public static long seed() {
        String s = System.getProperty("tarn.seed", "");
        return s.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(s.trim());
    }

    /** {@code -Dtarn.tries}, or the property's default. */
    public static int tries(int defaultTries) {
        String s = System.getProperty("tarn.tries", "");
        return s.isBlank() ? defaultTries : Integer.parseInt(s.trim());
    }

    /** Runs the tries; throws an {@link AssertionError} with the shrunk counterexample and its seed when one fails. */
    public void run(int defaultTries) {
        Counterexample<T> found = search(seed(), tries(defaultTries));
        if (found != null) {
            throw new AssertionError(report(found), found.failure());
        }
    }

    /** Runs {@code tries} tries from {@code seed}; the first failure, shrunk, or {@code null} when every try passes. */
    public Counterexample<T> search(long seed, int tries) {
        for (int i = 0; i < tries; i++) {
            long caseSeed = seed + i;
            T value = generator.generate(new SplittableRandom(caseSeed));
            Throwable failure = failure(value);
            if (failure != null) {
                return shrink(caseSeed, value, failure);
            }
        }
        return null;
    }

    private Counterexample<T> shrink(long seed, T original, Throwable firstFailure) {
        T current = original;
        Throwable failure = firstFailure;
        int checks = 0;
        int steps = 0;
        T trimmed = trim.apply(current, failure);
        Throwable f0 = trimmed == current ? null : shrinkFailure(trimmed);
        if (f0 != null) {
            current = trimmed;
            failure = f0;
        }
        // Each round tries every candidate once, starting where the last success was: candidates of
        // a smaller case come in the same order, so the ones before it (bigger chunks) mostly still pass.
        int start = 0;
        boolean progress = true;
        while (progress && checks < MAX_SHRINK_CHECKS) {
            progress = false;
            List<T> candidates = shrinker.apply(current);
            for (int k = 0; k < candidates.size() && checks < MAX_SHRINK_CHECKS; k++) {
                int index = (start + k) % candidates.size();
                checks++;
                Throwable f = shrinkFailure(candidates.get(index));
                if (f != null) {
                    current = trimmed(candidates.get(index), f);
                    failure = f;
                    steps++;
                    start = index;
                    progress = true;
                    break;
                }
            }
        }
        return new Counterexample<>(seed, original, current, failure, steps);
    }

    /** The case trimmed by its failure, when the trimmed case still fails (the failure is kept either way). */
    private T trimmed(T value, Throwable failure) {
        T t = trim.apply(value, failure);
        return t != value && shrinkFailure(t) != null ? t : value;
    }

    private Throwable shrinkFailure(T value) {
        return whileShrinking == null ? failure(value) : failure(value, whileShrinking);
    }

    private Throwable failure(T value) {
        return failure(value, property);
    }

    private static <T> Throwable failure(T value, Property<T> check) {
        try {
            check.check(value);
            return null;
        } catch (Exception | AssertionError e) {
            return e;
        }
    }

    public String report(Counterexample<T> c) {
        return "Property '" + name + "' failed for seed " + c.seed() + " (replay: -Dtarn.seed=" + c.seed() + " -Dtarn.tries=1).\n"
                + "Shrunk in " + c.shrinkSteps() + " steps to:\n" + describer.apply(c.shrunk()) + "\nFailure: " + c.failure().getMessage();
    }

    /**
     * Shrink candidates for a list: without chunks of it (halves first, then smaller, down to single
     * elements), then with one element replaced by a simpler version of it.
     */
    public static <E> List<List<E>> shrinkList(List<E> list, Function<E, List<E>> simpler) {
        List<List<E>> out = new ArrayList<>();
        for (int chunk = Math.max(1, list.size() / 2); chunk >= 1; chunk /= 2) {
            for (int from = 0; from + chunk <= list.size(); from += chunk) {
                List<E> smaller = new ArrayList<>(list.subList(0, from));
                smaller.addAll(list.subList(from + chunk, list.size()));
                out.add(smaller);
            }
            if (chunk == 1) {
                break;
            }
        }
        for (int i = 0; i < list.size(); i++) {
            for (E s : simpler.apply(list.get(i))) {
                List<E> changed = new ArrayList<>(list);
                changed.set(i, s);
                out.add(changed);
            }
        }
        return out;
    }

    /** Numbered lines, one per element. */
    public static <E> String numbered(List<E> list) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            s.append(String.format("  %2d. %s%n", i + 1, list.get(i)));
        }
        return s.toString().stripTrailing();
    }
}
