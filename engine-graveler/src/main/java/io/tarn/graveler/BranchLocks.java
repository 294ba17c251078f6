package io.tarn.graveler;

import io.tarn.api.BranchName;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per branch, held while its head moves (commit, merge, revert, cherry-pick, reset,
 * delete), so that these operations on one branch run one at a time within this process. Staging
 * writes do not take it: they are guarded by a condition on the branch record instead. The final
 * head update is still a compare-and-swap, which is what protects against other processes.
 */
final class BranchLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T withLock(String uid, BranchName branch, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(uid + "/" + branch.value(), k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
