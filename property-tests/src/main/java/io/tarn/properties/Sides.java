package io.tarn.properties;

import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MergeConflictException;
import io.tarn.properties.model.MergeRule;
import io.tarn.properties.model.ModelRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The case of most merge laws: a base tree committed on {@code main}, and the changes two branches
 * made from it ({@code source} and {@code dest}), each committed; a change is a new value or a
 * deletion ({@link Optional#empty()}).
 */
public record Sides(SortedMap<String, String> base, SortedMap<String, Optional<String>> source,
        SortedMap<String, Optional<String>> destination) {
    /**
     * Random sides over a small path universe. {@code overlap} (0 to 1) is the chance that a path
     * the source changes is changed by the destination too: high overlap makes conflicts common,
     * 0 makes the sides disjoint.
     */
    public static PropertyRunner.Generator<Sides> generator(double overlap) {
        return random -> {
            List<String> paths = Generators.universe(random, 1, 12);
            SortedMap<String, String> base = new TreeMap<>();
            SortedMap<String, Optional<String>> source = new TreeMap<>();
            SortedMap<String, Optional<String>> destination = new TreeMap<>();
            boolean emptyBase = random.nextInt(8) == 0;
            for (String p : paths) {
                if (!emptyBase && random.nextInt(3) != 0) {
                    base.put(p, Generators.pick(random, Generators.VALUES));
                }
            }
            boolean deleteEverything = random.nextInt(10) == 0;
            for (String p : paths) {
                if (deleteEverything || random.nextInt(2) == 0) {
                    source.put(p, change(random, deleteEverything));
                }
            }
            for (String p : paths) {
                boolean touch = source.containsKey(p) ? random.nextDouble() < overlap : overlap > 0 && random.nextInt(2) == 0;
                if (touch && !(overlap == 0 && source.containsKey(p))) {
                    destination.put(p, change(random, false));
                }
            }
            return new Sides(base, source, destination);
        };
    }

    private static Optional<String> change(SplittableRandom random, boolean delete) {
        return delete || random.nextInt(4) == 0 ? Optional.empty() : Optional.of(Generators.pick(random, Generators.VALUES));
    }

    /** Smaller sides: one entry less in any of the three maps, or one base value made the simplest. */
    public List<Sides> shrink() {
        List<Sides> out = new ArrayList<>();
        for (String p : base.keySet()) {
            out.add(new Sides(without(base, p), source, destination));
        }
        for (String p : source.keySet()) {
            out.add(new Sides(base, without(source, p), destination));
        }
        for (String p : destination.keySet()) {
            out.add(new Sides(base, source, without(destination, p)));
        }
        String simplest = Generators.VALUES.get(0);
        for (var e : base.entrySet()) {
            if (!e.getValue().equals(simplest)) {
                SortedMap<String, String> simpler = new TreeMap<>(base);
                simpler.put(e.getKey(), simplest);
                out.add(new Sides(simpler, source, destination));
            }
        }
        return out;
    }

    /** The same sides with source and destination swapped. */
    public Sides swapped() {
        return new Sides(base, destination, source);
    }

    private static <V> SortedMap<String, V> without(SortedMap<String, V> map, String key) {
        SortedMap<String, V> copy = new TreeMap<>(map);
        copy.remove(key);
        return copy;
    }

    /** The source's tree, in the model. */
    public SortedMap<String, String> sourceTree() {
        return applied(base, source);
    }

    public SortedMap<String, String> destinationTree() {
        return applied(base, destination);
    }

    /** A tree with changes applied, in the model's order. */
    public static SortedMap<String, String> applied(Map<String, String> tree, Map<String, Optional<String>> changes) {
        SortedMap<String, String> out = ModelRepository.emptyTree();
        out.putAll(tree);
        changes.forEach((p, v) -> {
            if (v.isPresent()) {
                out.put(p, v.get());
            } else {
                out.remove(p);
            }
        });
        return out;
    }

    /** The model's merge of source into destination. */
    public MergeRule.Outcome modelMerge(MergeRule.Strategy strategy) {
        SortedMap<String, String> b = ModelRepository.emptyTree();
        b.putAll(base);
        return MergeRule.merge(b, sourceTree(), destinationTree(), strategy);
    }

    /** Builds the sides in the repository: commits the base on main, branches {@code source} and {@code dest} from it, commits their changes. */
    public void build(EngineRepository repo) {
        base.forEach((p, v) -> repo.put("main", p, v));
        commitIfChanged(repo, "main");
        repo.createBranch("source", "main");
        repo.createBranch("dest", "main");
        stage(repo, "source", source);
        stage(repo, "dest", destination);
    }

    static void stage(EngineRepository repo, String branch, Map<String, Optional<String>> changes) {
        changes.forEach((p, v) -> {
            if (v.isPresent()) {
                repo.put(branch, p, v.get());
            } else {
                repo.delete(branch, p);
            }
        });
        commitIfChanged(repo, branch);
    }

    /** Commits the branch unless nothing (or nothing effective) is staged. */
    public static void commitIfChanged(EngineRepository repo, String branch) {
        try {
            repo.commit(branch);
        } catch (InvalidArgumentException nothingToCommit) {
            // no change on this side: the branch stays at its base
        }
    }

    /**
     * What a merge did on the engine.
     *
     * @param tree the destination's tree afterwards (unchanged when the merge was refused); {@code null} on conflicts
     * @param conflicts the conflicts, as the model's, when the merge failed on them; otherwise empty
     * @param refusal the message of an "invalid argument" refusal (nothing to merge), or {@code null}
     */
    public record Merged(SortedMap<String, String> tree, List<MergeRule.Conflict> conflicts, String refusal) {
    }

    /** Merges {@code source} into a fresh copy of {@code destination} named {@code into}, and reads the result. */
    public static Merged merge(EngineRepository repo, String source, String destination, String into, MergeRule.Strategy strategy) {
        repo.createBranch(into, destination);
        try {
            repo.merge(source, into, strategy, false, false);
        } catch (MergeConflictException e) {
            return new Merged(null, e.conflicts().stream().map(EngineRepository::conflict).toList(), null);
        } catch (InvalidArgumentException e) {
            return new Merged(tree(repo, into), List.of(), e.getMessage());
        }
        return new Merged(tree(repo, into), List.of(), null);
    }

    /** The ref's objects as a model tree. */
    public static SortedMap<String, String> tree(EngineRepository repo, String ref) {
        SortedMap<String, String> tree = ModelRepository.emptyTree();
        tree.putAll(repo.list(ref, "", 1000));
        return tree;
    }

    /** A runner of a law over sides, each case on a new repository of the engine. */
    public static PropertyRunner<Sides> law(String name, double overlap, EngineUnderTest engine, LawCheck check) {
        return new PropertyRunner<>(name, generator(overlap), Sides::shrink, Sides::toString,
                sides -> check.check(sides, engine.newRepository()));
    }

    @Override
    public String toString() {
        return "  base:        " + base + "\n  source:      " + show(source) + "\n  destination: " + show(destination);
    }

    private static String show(Map<String, Optional<String>> changes) {
        List<String> out = new ArrayList<>();
        changes.forEach((p, v) -> out.add(p + (v.isPresent() ? "=" + v.get() : " deleted")));
        return out.toString();
    }

    /** A law over sides: throws when it does not hold. */
    public interface LawCheck {
        void check(Sides sides, EngineRepository repo) throws Exception;
    }
}
