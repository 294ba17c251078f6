package io.tarn.api;

/** An operation needs a branch without uncommitted changes (merge, revert, cherry-pick). */
public class DirtyBranchException extends TarnException {
    private static final long serialVersionUID = 1L;
    private final String branch;

    public DirtyBranchException(String branch, String operation) {
        super("Cannot " + operation + ": branch '" + branch + "' has uncommitted changes; commit or reset them first");
        this.branch = branch;
    }

    public String branch() {
        return branch;
    }
}
