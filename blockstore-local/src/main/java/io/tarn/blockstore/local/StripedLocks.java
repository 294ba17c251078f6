package io.tarn.blockstore.local;

import java.util.Arrays;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A fixed set of read-write locks shared out by name: names that hash alike share a lock, which costs
 * some concurrency and never correctness. Locks only within this process. Thread-safe.
 */
final class StripedLocks {
    private final ReadWriteLock[] stripes;

    StripedLocks(int count) {
        stripes = new ReadWriteLock[count];
        Arrays.setAll(stripes, i -> new ReentrantReadWriteLock());
    }

    ReadWriteLock forKey(byte[] key) {
        return stripes[Math.floorMod(Arrays.hashCode(key) * 0x9E3779B9, stripes.length)];
    }

    ReadWriteLock forName(String name) {
        return stripes[Math.floorMod(name.hashCode() * 0x9E3779B9, stripes.length)];
    }
}
