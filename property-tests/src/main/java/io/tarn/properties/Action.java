package io.tarn.properties;

import io.tarn.api.ResetScope;
import io.tarn.properties.model.MergeRule;
import io.tarn.properties.model.ModelRepository;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a stateful run, applied to the model and to the engine alike. Each prints as one line
 * a researcher can read (and write back as a regression test), and offers simpler versions of itself
 * for shrinking.
 *
 * <p>Results: a step that writes a commit returns the model's commit number and the engine's
 * {@link io.tarn.api.Commit}; a merge returns {@link ModelRepository.Merged} and
 * {@link io.tarn.api.MergeResult}; other steps return {@code null}.
 */
public sealed interface Action {
    Object onModel(ModelRepository model);

    Object onEngine(EngineRepository engine);

    /** Simpler variants, simplest first (empty when there is none). */
    default List<Action> simpler() {
        return List.of();
    }

    /** The branch this step changes, when it changes one: observations look at it more closely. */
    default String branch() {
        return "main";
    }

    record Put(String branch, String path, String value) implements Action {
        public Object onModel(ModelRepository m) {
            m.put(branch, path, value);
            return null;
        }

        public Object onEngine(EngineRepository e) {
            e.put(branch, path, value);
            return null;
        }

        public List<Action> simpler() {
            return value.equals(Generators.VALUES.get(0)) ? List.of() : List.of(new Put(branch, path, Generators.VALUES.get(0)));
        }

        public String toString() {
            return "put " + branch + " '" + path + "' = '" + value + "'";
        }
    }

    record Delete(String branch, String path) implements Action {
        public Object onModel(ModelRepository m) {
            m.delete(branch, path);
            return null;
        }

        public Object onEngine(EngineRepository e) {
            e.delete(branch, path);
            return null;
        }

        public String toString() {
            return "delete " + branch + " '" + path + "'";
        }
    }

    record Commit(String branch) implements Action {
        public Object onModel(ModelRepository m) {
            return m.commitStaged(branch);
        }

        public Object onEngine(EngineRepository e) {
            return e.commit(branch);
        }

        public String toString() {
            return "commit " + branch;
        }
    }

    record CreateBranch(String name, String source) implements Action {
        public Object onModel(ModelRepository m) {
            m.createBranch(name, source);
            return null;
        }

        public Object onEngine(EngineRepository e) {
            e.createBranch(name, source);
            return null;
        }

        public List<Action> simpler() {
            return source.equals("main") ? List.of() : List.of(new CreateBranch(name, "main"));
        }

        public String branch() {
            return name;
        }

        public String toString() {
            return "branch " + name + " from " + source;
        }
    }

    record Tag(String name, String ref) implements Action {
        public Object onModel(ModelRepository m) {
            m.createTag(name, ref);
            return null;
        }

        public Object onEngine(EngineRepository e) {
            e.createTag(name, ref);
            return null;
        }

        public String toString() {
            return "tag " + name + " at " + ref;
        }
    }

    record Merge(String source, String destination, MergeRule.Strategy strategy, boolean squash, boolean force) implements Action {
        public Object onModel(ModelRepository m) {
            return m.merge(source, destination, strategy, squash, force);
        }

        public Object onEngine(EngineRepository e) {
            return e.merge(source, destination, strategy, squash, force);
        }

        public List<Action> simpler() {
            List<Action> out = new ArrayList<>();
            if (strategy != MergeRule.Strategy.NONE) {
                out.add(new Merge(source, destination, MergeRule.Strategy.NONE, squash, force));
            }
            if (squash || force) {
                out.add(new Merge(source, destination, strategy, false, false));
            }
            return out;
        }

        public String branch() {
            return destination;
        }

        public String toString() {
            return "merge " + source + " into " + destination + (strategy == MergeRule.Strategy.NONE ? "" : " " + strategy)
                    + (squash ? " squash" : "") + (force ? " force-merge-commit" : "");
        }
    }

    /** Cherry-pick ({@code revert} false) or revert {@code ref} on the branch; {@code parentNumber} for a merge commit. */
    record Pick(String branch, String ref, int parentNumber, boolean revert) implements Action {
        public Object onModel(ModelRepository m) {
            return revert ? m.revert(branch, ref, parentNumber) : m.cherryPick(branch, ref, parentNumber);
        }

        public Object onEngine(EngineRepository e) {
            return revert ? e.revert(branch, ref, parentNumber) : e.cherryPick(branch, ref, parentNumber);
        }

        public String toString() {
            return (revert ? "revert " : "cherry-pick ") + ref + (parentNumber == 0 ? "" : " (parent " + parentNumber + ")")
                    + (revert ? " on " : " onto ") + branch;
        }
    }

    /** Reset of staged changes: {@code path} null for all, else one path, or a prefix when {@code prefix} is set. */
    record Reset(String branch, String path, boolean prefix) implements Action {
        public Object onModel(ModelRepository m) {
            if (path == null) {
                m.resetPrefix(branch, "");
            } else if (prefix) {
                m.resetPrefix(branch, path);
            } else {
                m.resetPath(branch, path);
            }
            return null;
        }

        public Object onEngine(EngineRepository e) {
            e.reset(branch, path == null ? new ResetScope.All() : prefix ? new ResetScope.Prefix(path) : new ResetScope.Path(path));
            return null;
        }

        public List<Action> simpler() {
            return path == null ? List.of() : List.of(new Reset(branch, null, false));
        }

        public String toString() {
            return "reset " + branch + (path == null ? " (all)" : prefix ? " prefix '" + path + "'" : " path '" + path + "'");
        }
    }

    /** Close the engine and open it again over the same files. */
    record Reopen() implements Action {
        public Object onModel(ModelRepository m) {
            return null;
        }

        public Object onEngine(EngineRepository e) {
            e.owner().reopen();
            return null;
        }

        public String toString() {
            return "close and reopen the engine";
        }
    }
}
