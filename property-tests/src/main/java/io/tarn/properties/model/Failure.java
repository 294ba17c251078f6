package io.tarn.properties.model;

import java.util.List;

/**
 * An operation the model refuses, with the kind of error the engine must report for it. The kinds
 * are the engine API's exception classes, named independently of them.
 */
public final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of refusal, one per exception class of the engine API that the model predicts. */
    public enum Kind { NOT_FOUND, ALREADY_EXISTS, INVALID_ARGUMENT, READ_ONLY, DIRTY_BRANCH, CONFLICT }

    private final Kind kind;
    private final transient List<MergeRule.Conflict> conflicts;

    public Failure(Kind kind, String message) {
        this(kind, message, List.of());
    }

    public Failure(Kind kind, String message, List<MergeRule.Conflict> conflicts) {
        super(kind + ": " + message, null, false, false);
        this.kind = kind;
        this.conflicts = List.copyOf(conflicts);
    }

    public Kind kind() {
        return kind;
    }

    /** Every conflict, in path order, for {@link Kind#CONFLICT}. */
    public List<MergeRule.Conflict> conflicts() {
        return conflicts;
    }
}
