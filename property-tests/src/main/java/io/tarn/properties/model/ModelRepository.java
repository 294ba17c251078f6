package io.tarn.properties.model;

import io.tarn.properties.model.Failure.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference model of one repository, written from DESIGN §5 and docs/merge-semantics.md and
 * sharing no code with the engine: a commit DAG whose commits hold whole trees (path → value), branches
 * with staged changes, and tags. Commits are numbered in creation order (0 is the initial commit);
 * that number doubles as the creation time the merge base breaks ties with.
 *
 * <p>Every operation either changes the model and returns, or throws a {@link Failure} naming the
 * error the engine must report, changing nothing (except where the specification says otherwise: a
 * commit of no-op changes drops them).
 */
public final class ModelRepository {
    /** A commit: its parents (first = the branch it was made on), its whole tree, its generation. */
    public record ModelCommit(int id, List<Integer> parents, SortedMap<String, String> tree, long generation) {
    }

    private static final Pattern REF = Pattern.compile("([^@~^]+)(@?)((?:[~^]\\d+)*)");
    private static final Pattern STEP = Pattern.compile("([~^])(\\d+)");

    private final List<ModelCommit> commits = new ArrayList<>();
    private final Map<String, Integer> heads = new TreeMap<>();
    /** Branch → path → staged value; {@link Optional#empty()} is a staged deletion. */
    private final Map<String, SortedMap<String, Optional<String>>> staged = new TreeMap<>();
    private final Map<String, Integer> tags = new TreeMap<>();

    public ModelRepository(String defaultBranch) {
        commits.add(new ModelCommit(0, List.of(), emptyTree(), 1));
        heads.put(defaultBranch, 0);
        staged.put(defaultBranch, new TreeMap<>(PathOrder.BY_CODE_POINT));
    }

    public static SortedMap<String, String> emptyTree() {
        return new TreeMap<>(PathOrder.BY_CODE_POINT);
    }

    // What there is

    public ModelCommit commit(int id) {
        return commits.get(id);
    }

    public int commitCount() {
        return commits.size();
    }

    public Map<String, Integer> branches() {
        return Collections.unmodifiableMap(heads);
    }

    public Map<String, Integer> tags() {
        return Collections.unmodifiableMap(tags);
    }

    public boolean isDirty(String branch) {
        return !staged.get(branch).isEmpty();
    }

    /** What a read of {@code ref} sees: a plain branch name includes its staged changes. */
    public SortedMap<String, String> view(String ref) {
        SortedMap<String, String> tree = new TreeMap<>(PathOrder.BY_CODE_POINT);
        tree.putAll(commits.get(resolve(ref)).tree());
        if (heads.containsKey(ref)) {
            staged.get(ref).forEach((path, value) -> {
                if (value.isPresent()) {
                    tree.put(path, value.get());
                } else {
                    tree.remove(path);
                }
            });
        }
        return tree;
    }

    /** The committed tree of the branch's head (the view of {@code branch@}). */
    public SortedMap<String, String> headTree(String branch) {
        return commits.get(heads.get(branch)).tree();
    }

    /**
     * The commit a ref expression names: a branch, {@code branch@}, or a tag, followed by any number
     * of {@code ~N} (N first parents back) and {@code ^N} (the N-th parent; {@code ^0} is the commit).
     */
    public int resolve(String ref) {
        Matcher m = REF.matcher(ref);
        if (!m.matches()) {
            throw new Failure(Kind.INVALID_ARGUMENT, "ref '" + ref + "' is not an expression the model knows");
        }
        String base = m.group(1);
        Integer at = heads.get(base);
        if (at == null && !m.group(2).isEmpty()) {
            throw new Failure(tags.containsKey(base) ? Kind.INVALID_ARGUMENT : Kind.NOT_FOUND, "'@' needs a branch, '" + base + "' is none");
        }
        if (at == null) {
            at = tags.get(base);
        }
        if (at == null) {
            throw new Failure(Kind.NOT_FOUND, "no branch or tag '" + base + "'");
        }
        Matcher step = STEP.matcher(m.group(3));
        while (step.find()) {
            int n = Integer.parseInt(step.group(2));
            if (step.group(1).equals("^")) {
                List<Integer> parents = commits.get(at).parents();
                if (n > parents.size()) {
                    throw new Failure(Kind.NOT_FOUND, "commit " + at + " has no parent " + n);
                }
                at = n == 0 ? at : parents.get(n - 1);
            } else {
                for (int i = 0; i < n; i++) {
                    List<Integer> parents = commits.get(at).parents();
                    if (parents.isEmpty()) {
                        throw new Failure(Kind.NOT_FOUND, "history of '" + ref + "' ends before " + n + " steps");
                    }
                    at = parents.get(0);
                }
            }
        }
        return at;
    }

    /** Every commit reachable from {@code id}, itself included. */
    public Set<Integer> ancestors(int id) {
        Set<Integer> seen = new HashSet<>();
        List<Integer> todo = new ArrayList<>(List.of(id));
        while (!todo.isEmpty()) {
            int c = todo.remove(todo.size() - 1);
            if (seen.add(c)) {
                todo.addAll(commits.get(c).parents());
            }
        }
        return seen;
    }

    /**
     * The merge base: of the common ancestors, one of the highest generation; among several (a
     * criss-cross history), the one created last.
     */
    public int mergeBase(int a, int b) {
        Set<Integer> common = ancestors(a);
        common.retainAll(ancestors(b));
        int best = -1;
        for (int c : common) {
            if (best < 0 || commits.get(c).generation() > commits.get(best).generation()
                    || commits.get(c).generation() == commits.get(best).generation() && c > best) {
                best = c;
            }
        }
        return best;
    }

    // Changes

    public void put(String branch, String path, String value) {
        writable(branch);
        staged.get(branch).put(path, Optional.of(value));
    }

    public void delete(String branch, String path) {
        writable(branch);
        staged.get(branch).put(path, Optional.empty());
    }

    /** Drops every staged change of the branch whose path starts with {@code prefix} (all for ""). */
    public void resetPrefix(String branch, String prefix) {
        existingBranch(branch);
        staged.get(branch).keySet().removeIf(p -> p.startsWith(prefix));
    }

    public void resetPath(String branch, String path) {
        existingBranch(branch);
        staged.get(branch).remove(path);
    }

    /** Commits the staged changes; refuses when none are staged, and drops them when they change nothing. */
    public int commitStaged(String branch) {
        writable(branch);
        if (staged.get(branch).isEmpty()) {
            throw new Failure(Kind.INVALID_ARGUMENT, "nothing staged on '" + branch + "'");
        }
        SortedMap<String, String> tree = view(branch);
        staged.get(branch).clear();
        if (tree.equals(headTree(branch))) {
            throw new Failure(Kind.INVALID_ARGUMENT, "the staged changes of '" + branch + "' change nothing");
        }
        return advance(branch, List.of(heads.get(branch)), tree);
    }

    public void createBranch(String name, String sourceRef) {
        int at = resolve(sourceRef);
        if (heads.containsKey(name) || tags.containsKey(name)) {
            throw new Failure(Kind.ALREADY_EXISTS, "a branch or tag is named '" + name + "'");
        }
        heads.put(name, at);
        staged.put(name, new TreeMap<>(PathOrder.BY_CODE_POINT));
    }

    public void createTag(String name, String ref) {
        int at = resolve(ref);
        if (heads.containsKey(name) || tags.containsKey(name)) {
            throw new Failure(Kind.ALREADY_EXISTS, "a branch or tag is named '" + name + "'");
        }
        tags.put(name, at);
    }

    /** A merge's result: the destination's new head and whether it was a fast-forward. */
    public record Merged(int head, boolean fastForward) {
    }

    public Merged merge(String sourceRef, String destination, MergeRule.Strategy strategy, boolean squash, boolean forceMergeCommit) {
        writable(destination);
        clean(destination);
        int source = resolve(sourceRef);
        int dest = heads.get(destination);
        int base = mergeBase(source, dest);
        if (source == base) {
            throw new Failure(Kind.INVALID_ARGUMENT, "'" + sourceRef + "' is already merged into '" + destination + "'");
        }
        if (dest == base && !forceMergeCommit && !squash) {
            heads.put(destination, source);
            return new Merged(source, true);
        }
        SortedMap<String, String> tree = dest == base ? commits.get(source).tree()
                : threeWay(commits.get(base).tree(), commits.get(source).tree(), commits.get(dest).tree(), strategy);
        if (tree.equals(commits.get(dest).tree())) {
            throw new Failure(Kind.INVALID_ARGUMENT, "'" + sourceRef + "' brings no changes into '" + destination + "'");
        }
        return new Merged(advance(destination, squash ? List.of(dest) : List.of(dest, source), tree), false);
    }

    /** Commits on the branch the change {@code ref} made against its parent ({@code parentNumber}, 1-based, for a merge). */
    public int cherryPick(String branch, String ref, int parentNumber) {
        return apply(branch, ref, parentNumber, false);
    }

    /** Commits on the branch the inverse of the change {@code ref} made against its parent. */
    public int revert(String branch, String ref, int parentNumber) {
        return apply(branch, ref, parentNumber, true);
    }

    private int apply(String branch, String ref, int parentNumber, boolean invert) {
        writable(branch);
        clean(branch);
        ModelCommit picked = commits.get(resolve(ref));
        int n = picked.parents().size();
        if (n == 0) {
            throw new Failure(Kind.INVALID_ARGUMENT, "'" + ref + "' is the first commit, with no parent");
        }
        if (n > 1 && (parentNumber < 1 || parentNumber > n) || n == 1 && parentNumber > 1) {
            throw new Failure(Kind.INVALID_ARGUMENT, "parent number " + parentNumber + " for a commit of " + n + " parents");
        }
        SortedMap<String, String> parent = commits.get(picked.parents().get(Math.max(parentNumber, 1) - 1)).tree();
        SortedMap<String, String> head = headTree(branch);
        SortedMap<String, String> tree = invert ? threeWay(picked.tree(), parent, head, MergeRule.Strategy.NONE)
                : threeWay(parent, picked.tree(), head, MergeRule.Strategy.NONE);
        if (tree.equals(head)) {
            throw new Failure(Kind.INVALID_ARGUMENT, "applying '" + ref + "' to '" + branch + "' changes nothing");
        }
        return advance(branch, List.of(heads.get(branch)), tree);
    }

    private static SortedMap<String, String> threeWay(SortedMap<String, String> base, SortedMap<String, String> source,
            SortedMap<String, String> destination, MergeRule.Strategy strategy) {
        MergeRule.Outcome outcome = MergeRule.merge(base, source, destination, strategy);
        if (outcome.tree() == null) {
            throw new Failure(Kind.CONFLICT, outcome.conflicts().size() + " conflicts", outcome.conflicts());
        }
        return outcome.tree();
    }

    private int advance(String branch, List<Integer> parents, SortedMap<String, String> tree) {
        long generation = 1 + parents.stream().mapToLong(p -> commits.get(p).generation()).max().orElse(0);
        SortedMap<String, String> copy = new TreeMap<>(PathOrder.BY_CODE_POINT);
        copy.putAll(tree);
        int id = commits.size();
        commits.add(new ModelCommit(id, List.copyOf(parents), Collections.unmodifiableSortedMap(copy), generation));
        heads.put(branch, id);
        return id;
    }

    /** A branch that may be written: a tag of that name is read-only, anything else unknown. */
    private void writable(String branch) {
        if (!heads.containsKey(branch)) {
            throw new Failure(tags.containsKey(branch) ? Kind.READ_ONLY : Kind.NOT_FOUND, "no branch '" + branch + "'");
        }
    }

    private void existingBranch(String branch) {
        if (!heads.containsKey(branch)) {
            throw new Failure(Kind.NOT_FOUND, "no branch '" + branch + "'");
        }
    }

    private void clean(String branch) {
        if (isDirty(branch)) {
            throw new Failure(Kind.DIRTY_BRANCH, "'" + branch + "' has staged changes");
        }
    }
}
