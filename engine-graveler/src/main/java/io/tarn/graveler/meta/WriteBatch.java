package io.tarn.graveler.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several writes to apply atomically, guarded by conditions on current values: the building block of
 * every ref update (write the commit record, move the branch head, drop sealed staging tokens, only
 * if the head is still what the commit was based on).
 *
 * <p>Operations apply in the order added; a later operation on the same key wins. Conditions are
 * checked against the state before the batch. Not thread-safe while being built.
 */
public final class WriteBatch {
    private final List<Op> ops = new ArrayList<>();

    /** Sets {@code key} to {@code value}. */
    public WriteBatch put(byte[] key, byte[] value) {
        ops.add(new Op(Kind.PUT, Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
        return this;
    }

    /** Removes {@code key} (no error if missing). */
    public WriteBatch delete(byte[] key) {
        ops.add(new Op(Kind.DELETE, Objects.requireNonNull(key, "key"), null));
        return this;
    }

    /** Requires {@code key} to hold exactly {@code value} (or, with {@code null}, to be absent). */
    public WriteBatch expect(byte[] key, byte[] value) {
        ops.add(new Op(Kind.EXPECT, Objects.requireNonNull(key, "key"), value));
        return this;
    }

    /** The operations in the order added. */
    public List<Op> operations() {
        return List.copyOf(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** What a {@link WriteBatch} does to one key. */
    public enum Kind { PUT, DELETE, EXPECT }

    /**
     * One operation.
     *
     * @param value the value to put, or for {@code EXPECT} the required value ({@code null}: absent)
     */
    public record Op(Kind kind, byte[] key, byte[] value) {
    }

    /** The result of {@link MetadataStore#write}. */
    public enum Outcome {
        /** Every operation was applied, atomically and durably. */
        APPLIED,
        /** A condition did not hold; nothing was applied. Re-read and decide again. */
        CONDITION_FAILED
    }
}
