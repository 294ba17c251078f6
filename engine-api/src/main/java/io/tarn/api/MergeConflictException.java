package io.tarn.api;

import java.util.List;

/**
 * A merge (or revert, or cherry-pick) found conflicting changes and the strategy was to fail.
 * Carries every conflicting path with its three values, not just the first; nothing was written.
 */
public class MergeConflictException extends TarnException {
    private static final long serialVersionUID = 1L;
    private final transient List<MergeConflict> conflicts;

    public MergeConflictException(String source, String destination, List<MergeConflict> conflicts) {
        this(conflicts, "merge '" + source + "' into '" + destination + "'");
    }

    /** @param action what could not be done, for the message: {@code revert 'c0ffee' on 'main'} */
    public MergeConflictException(List<MergeConflict> conflicts, String action) {
        super("Cannot " + action + ": " + conflicts.size() + (conflicts.size() == 1 ? " conflict" : " conflicts"));
        this.conflicts = List.copyOf(conflicts);
    }

    /** Every conflicting path, in key order. */
    public List<MergeConflict> conflicts() {
        return conflicts;
    }
}
