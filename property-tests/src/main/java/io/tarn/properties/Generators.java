package io.tarn.properties;

import io.tarn.properties.model.MergeRule;
import io.tarn.properties.model.ModelRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random inputs that make the interesting cases common: a small universe of paths with shared
 * prefixes, {@code /}, {@code %}, spaces, and characters whose UTF-8 order differs from Java's
 * {@code String} order; few distinct values (the empty object among them), so that both sides of a
 * merge often write the same thing; few branches, so that actions meet each other. With tiny ranges
 * ({@link EngineUnderTest#TINY_RANGES}) about every second path ends a range, so writes and deletions
 * of range boundaries are common.
 */
public final class Generators {
    /** Every path the tests use. "\uFF5E" sorts before the emoji in UTF-8 but after it in UTF-16. */
    public static final List<String> PATHS = List.of("a", "a/", "a/b", "a/b/c", "a/c", "a%2Fb", "a b", "ab", "b", "b/ä", "é", "é/x",
            "\uFF5E", "\uD83D\uDE00", "z%", "z/y/x");
    public static final List<String> VALUES = List.of("v1", "v2", "v3", "");
    public static final List<String> BRANCHES = List.of("main", "dev", "feat", "fix");
    public static final List<String> TAGS = List.of("rel1", "rel2");
    /** Prefixes for resets and listings. */
    public static final List<String> PREFIXES = List.of("", "a", "a/", "é", "z", "b/");

    private Generators() {
    }

    public static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A random subset of {@code min} to {@code max} paths: smaller universes make the sides of a merge overlap more. */
    public static List<String> universe(SplittableRandom random, int min, int max) {
        List<String> all = new ArrayList<>(PATHS);
        int size = min + random.nextInt(Math.min(max, all.size()) - min + 1);
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < size) {
            chosen.add(all.remove(random.nextInt(all.size())));
        }
        return chosen;
    }

    /** A random sequence of {@code length} actions, each chosen knowing the model state the ones before leave. */
    public static List<Action> actions(SplittableRandom random, int length) {
        List<String> paths = universe(random, 2, 8);
        ModelRepository model = new ModelRepository("main");
        List<Action> out = new ArrayList<>();
        while (out.size() < length) {
            Action a = action(random, model, paths);
            out.add(a);
            try {
                a.onModel(model);
            } catch (io.tarn.properties.model.Failure expected) {
                // refused steps are part of the test too
            }
        }
        return out;
    }

    static Action action(SplittableRandom random, ModelRepository model, List<String> paths) {
        List<String> branches = new ArrayList<>(model.branches().keySet());
        String branch = random.nextInt(20) == 0 ? pick(random, BRANCHES) : pick(random, branches);
        int roll = random.nextInt(100);
        List<String> unused = BRANCHES.stream().filter(b -> !model.branches().containsKey(b)).toList();
        if (branches.size() < 3 && random.nextInt(6) == 0) {
            return new Action.CreateBranch(pick(random, unused), ref(random, branches, model));
        }
        if (roll < 26) {
            return new Action.Put(random.nextInt(40) == 0 ? pick(random, TAGS) : branch, pick(random, paths), pick(random, VALUES));
        }
        if (roll < 38) {
            List<String> present = model.branches().containsKey(branch) ? new ArrayList<>(model.view(branch).keySet()) : List.of();
            return new Action.Delete(branch, present.isEmpty() || random.nextInt(5) == 0 ? pick(random, paths) : pick(random, present));
        }
        if (roll < 52) {
            List<String> dirty = branches.stream().filter(model::isDirty).toList();
            return new Action.Commit(dirty.isEmpty() || random.nextInt(8) == 0 ? branch : pick(random, dirty));
        }
        if (roll < 56) {
            return new Action.CreateBranch(unused.isEmpty() || random.nextInt(4) == 0 ? pick(random, BRANCHES) : pick(random, unused),
                    ref(random, branches, model));
        }
        if (roll < 74) {
            String destination = branch;
            if (model.branches().containsKey(destination) && model.isDirty(destination) && random.nextInt(4) != 0) {
                return new Action.Commit(destination);
            }
            if (random.nextInt(4) != 0 && branches.size() > 1 && ahead(branches, model, destination).isEmpty()) {
                // Nothing to merge yet: change another branch first, often a path the destination has.
                String other = pick(random, branches.stream().filter(b -> !b.equals(destination)).toList());
                List<String> present = model.branches().containsKey(destination) ? new ArrayList<>(model.view(destination).keySet()) : List.of();
                String path = present.isEmpty() || random.nextBoolean() ? pick(random, paths) : pick(random, present);
                return random.nextInt(3) == 0 ? new Action.Delete(other, path) : new Action.Put(other, path, pick(random, VALUES));
            }
            MergeRule.Strategy strategy = MergeRule.Strategy.values()[random.nextInt(3)];
            return new Action.Merge(source(random, branches, model, destination), destination, strategy, random.nextInt(7) == 0,
                    random.nextInt(7) == 0);
        }
        if (roll < 82) {
            if (model.branches().containsKey(branch) && model.isDirty(branch) && random.nextInt(4) != 0) {
                return new Action.Commit(branch);
            }
            String ref = random.nextBoolean() ? source(random, branches, model, branch) : ref(random, branches, model);
            int parent = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
            return new Action.Pick(branch, ref, parent, random.nextBoolean());
        }
        if (roll < 90) {
            int kind = random.nextInt(3);
            return kind == 0 ? new Action.Reset(branch, null, false)
                    : kind == 1 ? new Action.Reset(branch, pick(random, paths), false) : new Action.Reset(branch, pick(random, PREFIXES), true);
        }
        if (roll < 96) {
            return new Action.Tag(pick(random, TAGS), ref(random, branches, model));
        }
        return new Action.Reopen();
    }

    /** Mostly a branch with commits the destination lacks, so that merges and cherry-picks have work to do. */
    static String source(SplittableRandom random, List<String> branches, ModelRepository model, String destination) {
        List<String> ahead = ahead(branches, model, destination);
        return ahead.isEmpty() || random.nextInt(5) == 0 ? ref(random, branches, model) : pick(random, ahead);
    }

    /** The branches with commits the destination lacks. */
    static List<String> ahead(List<String> branches, ModelRepository model, String destination) {
        Integer dest = model.branches().get(destination);
        return dest == null ? List.of() : branches.stream().filter(b -> !model.ancestors(dest).contains(model.branches().get(b))).toList();
    }

    /** A ref: mostly a branch, sometimes committed-only, an ancestor, a second parent, or a tag. */
    static String ref(SplittableRandom random, List<String> branches, ModelRepository model) {
        String b = pick(random, branches);
        return switch (random.nextInt(10)) {
            case 0 -> b + "@";
            case 1 -> b + "~1";
            case 2 -> b + "^2";
            case 3 -> model.tags().isEmpty() ? b : pick(random, new ArrayList<>(model.tags().keySet()));
            case 4 -> pick(random, BRANCHES);
            default -> b;
        };
    }
}
