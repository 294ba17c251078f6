package io.tarn.api;

import java.util.Map;

/**
 * How long garbage collection keeps history: a commit reachable from a branch is kept while it is
 * younger than the branch's retention (its head is always kept, and so are tagged commits).
 *
 * @param defaultRetentionDays for branches without a rule of their own, at least 0
 * @param branchRetentionDays per-branch retention in days, each at least 0
 */
public record GcRules(int defaultRetentionDays, Map<BranchName, Integer> branchRetentionDays) {
    /** What a repository starts with: 21 days for every branch. */
    public static final GcRules DEFAULT = new GcRules(21, Map.of());

    public GcRules {
        if (defaultRetentionDays < 0) {
            throw new InvalidArgumentException("default retention days", Integer.toString(defaultRetentionDays), "it cannot be negative");
        }
        branchRetentionDays = Map.copyOf(branchRetentionDays);
        branchRetentionDays.forEach((branch, days) -> {
            if (days == null || days < 0) {
                throw new InvalidArgumentException("retention days of branch '" + branch + "'", String.valueOf(days), "it cannot be negative");
            }
        });
    }

    public int retentionDays(BranchName branch) {
        return branchRetentionDays.getOrDefault(branch, defaultRetentionDays);
    }
}
