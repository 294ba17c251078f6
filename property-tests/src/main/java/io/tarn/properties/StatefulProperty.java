package io.tarn.properties;

import java.util.List;

/**
 * The stateful, model-based property: random action sequences run against the engine and the
 * model agree after every step ({@link StatefulRun}). Failures shrink to a minimal action sequence.
 */
public final class StatefulProperty {
    private StatefulProperty() {
    }

    /** A runner of sequences of {@code length} actions against repositories of {@code engine}. */
    public static PropertyRunner<List<Action>> runner(String name, EngineUnderTest engine, int length) {
        return new PropertyRunner<List<Action>>(name, random -> Generators.actions(random, length),
                actions -> PropertyRunner.shrinkList(actions, Action::simpler),
                actions -> PropertyRunner.numbered(actions) + "\n  (" + actions.size() + " actions)",
                actions -> StatefulRun.run(engine, actions))
                .shrinkingWith(actions -> StatefulRun.run(engine, actions, false))
                .trimmingWith((actions, failure) -> failure instanceof StatefulRun.StepFailure s && s.step() + 1 < actions.size()
                        ? List.copyOf(actions.subList(0, s.step() + 1)) : actions);
    }
}
