package io.tarn.properties;

import io.tarn.api.AlreadyExistsException;
import io.tarn.api.Branch;
import io.tarn.api.Commit;
import io.tarn.api.CommitId;
import io.tarn.api.DirtyBranchException;
import io.tarn.api.InvalidArgumentException;
import io.tarn.api.MergeConflictException;
import io.tarn.api.MergeResult;
import io.tarn.api.NotFoundException;
import io.tarn.api.ReadOnlyRefException;
import io.tarn.api.Tag;
import io.tarn.properties.model.Failure;
import io.tarn.properties.model.MergeRule;
import io.tarn.properties.model.ModelRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a sequence of actions against a fresh engine repository and a fresh model side by side. After
 * every step the outcome must agree (the same error kind, the same conflicts, or success with the
 * same commit graph), and so must everything a user can observe: branches and tags with their heads,
 * reads, listings (in key order, paged, with and without a delimiter), diffs (two-dot, three-dot,
 * uncommitted) and merge bases.
 */
public final class StatefulRun {
    private final EngineRepository engine;
    private final ModelRepository model = new ModelRepository("main");
    /** Model commit number → engine commit id. */
    private final Map<Integer, CommitId> commits = new HashMap<>();

    private StatefulRun(EngineRepository engine) {
        this.engine = engine;
        commits.put(0, engine.resolve("main"));
    }

    /** Runs the actions on a new repository of {@code engine}; throws an {@link AssertionError} naming the first step that disagrees. */
    public static void run(EngineUnderTest engine, List<Action> actions) {
        run(engine, actions, true);
    }

    /**
     * As {@link #run(EngineUnderTest, List)}; with {@code observeEveryStep} false, outcomes are still
     * compared at every step but observations only after the last (cheaper, for shrinking).
     */
    public static void run(EngineUnderTest engine, List<Action> actions, boolean observeEveryStep) {
        run(engine.newRepository(false), actions, observeEveryStep);
    }

    /** As {@link #run(EngineUnderTest, List)}, on a repository given (for example one that writes every value's bytes anew). */
    public static void run(EngineRepository repository, List<Action> actions, boolean observeEveryStep) {
        StatefulRun run = new StatefulRun(repository);
        for (int i = 0; i < actions.size(); i++) {
            try {
                run.step(actions.get(i));
                if (observeEveryStep || i == actions.size() - 1) {
                    run.observe(actions.get(i).branch());
                }
            } catch (AssertionError | RuntimeException e) {
                throw new StepFailure(i, actions.get(i) + ": " + e.getMessage(), e);
            }
        }
    }

    /** The step a run failed at (0-based), for shrinking: the steps after it are never needed. */
    public static final class StepFailure extends AssertionError {
        private static final long serialVersionUID = 1L;
        private final int step;

        StepFailure(int step, String message, Throwable cause) {
            super("step " + (step + 1) + ", " + message, cause);
            this.step = step;
        }

        public int step() {
            return step;
        }
    }

    private void step(Action action) {
        Object expected;
        Failure refused = null;
        try {
            expected = action.onModel(model);
        } catch (Failure f) {
            refused = f;
            expected = null;
        }
        Object actual;
        try {
            actual = action.onEngine(engine);
        } catch (RuntimeException e) {
            if (refused == null) {
                throw new AssertionError("the model accepts it but the engine refuses: " + e, e);
            }
            Failure.Kind kind = kind(e);
            if (kind != refused.kind()) {
                throw new AssertionError("the model refuses it with " + refused.getMessage() + " but the engine with " + e, e);
            }
            if (kind == Failure.Kind.CONFLICT) {
                List<MergeRule.Conflict> conflicts = ((MergeConflictException) e).conflicts().stream().map(EngineRepository::conflict).toList();
                agree("conflicts", refused.conflicts(), conflicts);
            }
            return;
        }
        if (refused != null) {
            throw new AssertionError("the engine accepts it but the model refuses it: " + refused.getMessage()
                    + (refused.conflicts().isEmpty() ? "" : " " + refused.conflicts()));
        }
        if (expected instanceof ModelRepository.Merged merged) {
            MergeResult result = (MergeResult) actual;
            agree("fast-forward", merged.fastForward(), result.fastForwarded());
            learn(merged.head(), result.head());
        } else if (expected instanceof Integer commit) {
            learn(commit, ((Commit) actual).id());
        }
    }

    /** Maps a model commit to the engine's, checking parents and generation when it is new. */
    private void learn(int modelCommit, CommitId engineCommit) {
        CommitId known = commits.get(modelCommit);
        if (known != null) {
            agree("commit of model commit " + modelCommit, known, engineCommit);
            return;
        }
        if (commits.containsValue(engineCommit)) {
            throw new AssertionError("the engine returned an existing commit " + engineCommit.abbreviated() + " for a new one");
        }
        commits.put(modelCommit, engineCommit);
        Commit c = engine.getCommit(engineCommit);
        agree("parents of commit " + modelCommit, model.commit(modelCommit).parents().stream().map(commits::get).toList(), c.parents());
        agree("generation of commit " + modelCommit, model.commit(modelCommit).generation(), c.generation());
    }

    private void observe(String focus) {
        Map<String, CommitId> heads = new TreeMap<>();
        model.branches().forEach((b, c) -> heads.put(b, commits.get(c)));
        Map<String, CommitId> engineHeads = new TreeMap<>();
        for (Branch b : engine.engine().listBranches(engine.name(), "", 100).items()) {
            engineHeads.put(b.name().value(), b.head());
        }
        agree("branches", heads, engineHeads);
        Map<String, CommitId> tags = new TreeMap<>();
        model.tags().forEach((t, c) -> tags.put(t, commits.get(c)));
        Map<String, CommitId> engineTags = new TreeMap<>();
        for (Tag t : engine.engine().listTags(engine.name(), "", 100).items()) {
            engineTags.put(t.name().value(), t.commit());
        }
        agree("tags", tags, engineTags);
        for (String branch : model.branches().keySet()) {
            agree("listing of " + branch, List.copyOf(model.view(branch).entrySet()), List.copyOf(engine.list(branch, "", 3).entrySet()));
            agree("listing of " + branch + "@", List.copyOf(model.headTree(branch).entrySet()),
                    List.copyOf(engine.list(branch + "@", "", 3).entrySet()));
            agree("uncommitted diff of " + branch, Diffs.between(model.headTree(branch), model.view(branch)), engine.diffUncommitted(branch));
        }
        for (String tag : model.tags().keySet()) {
            agree("listing of tag " + tag, List.copyOf(model.view(tag).entrySet()), List.copyOf(engine.list(tag, "", 100).entrySet()));
        }
        if (!model.branches().containsKey(focus)) {
            return;
        }
        for (String path : Generators.PATHS) {
            agree("stat of '" + path + "' on " + focus, model.view(focus).get(path), engine.stat(focus, path));
        }
        for (var e : model.view(focus).entrySet()) {
            agree("content of '" + e.getKey() + "' on " + focus, e.getValue(), engine.read(focus, e.getKey()));
        }
        List<CommitId> log = model.ancestors(model.branches().get(focus)).stream()
                .sorted(java.util.Comparator.comparingLong((Integer c) -> model.commit(c).generation()).thenComparing(c -> c).reversed())
                .map(commits::get).toList();
        agree("log of " + focus, log, engine.engine().log(engine.name(), focus, io.tarn.api.LogRequest.latest(1000)).items().stream()
                .map(Commit::id).toList());
        for (String prefix : List.of("", "a/")) {
            agree("listing of " + focus + " under '" + prefix + "' by '/'", Diffs.delimited(model.view(focus), prefix, "/"),
                    engine.listDelimited(focus, prefix, "/", 2));
        }
        for (String other : model.branches().keySet()) {
            if (other.equals(focus)) {
                continue;
            }
            int base = model.mergeBase(model.branches().get(focus), model.branches().get(other));
            agree("merge base of " + focus + " and " + other, commits.get(base), engine.engine().mergeBase(engine.name(), focus, other));
            agree("diff " + focus + ".." + other, Diffs.between(model.headTree(focus), model.headTree(other)), engine.diff(focus, other, false, 2));
            agree("diff " + focus + "..." + other, Diffs.between(model.commit(base).tree(), model.headTree(other)),
                    engine.diff(focus, other, true, 100));
        }
    }

    static <T> void agree(String what, T expected, T actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            throw new AssertionError(what + " differ:\n  model:  " + expected + "\n  engine: " + actual);
        }
    }

    /** The model's name for an engine exception's kind; an unexpected exception is rethrown. */
    static Failure.Kind kind(RuntimeException e) {
        Map<Class<? extends RuntimeException>, Failure.Kind> kinds = Map.of(NotFoundException.class, Failure.Kind.NOT_FOUND,
                AlreadyExistsException.class, Failure.Kind.ALREADY_EXISTS, MergeConflictException.class, Failure.Kind.CONFLICT,
                DirtyBranchException.class, Failure.Kind.DIRTY_BRANCH, ReadOnlyRefException.class, Failure.Kind.READ_ONLY,
                InvalidArgumentException.class, Failure.Kind.INVALID_ARGUMENT);
        for (var k : kinds.entrySet()) {
            if (k.getKey().isInstance(e)) {
                return k.getValue();
            }
        }
        throw e;
    }
}
