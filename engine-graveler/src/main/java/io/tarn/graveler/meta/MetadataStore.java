package io.tarn.graveler.meta;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The transactional key-value store that holds Tarn's metadata: repositories, refs, commits,
 * staging, multipart uploads and credentials. Keys and values are byte strings; keys are ordered by
 * unsigned lexicographic byte comparison.
 *
 * <p><b>Consistency.</b> Every write method is atomic and durable when it returns: after a crash,
 * the store holds every write that returned, and no part of one that did not. Writers are
 * serialised; readers never block writers or each other. A single {@code get} sees the latest
 * completed write.
 *
 * <p><b>Scans</b> are lazy and may span several internal read snapshots: each key is returned with a
 * value it held at some point during the scan, keys are returned in ascending order exactly once,
 * and a key that exists for the whole scan is always returned. Callers that need one snapshot over
 * several keys put them under one key or use {@link #write} conditions.
 *
 * <p><b>Expected outcomes are values, failures are exceptions.</b> A lost compare-and-swap is
 * {@code false} / {@link WriteBatch.Outcome#CONDITION_FAILED}; I/O or corruption is a
 * {@link MetadataStoreException}. Keys are 1 to 511 bytes (LMDB's limit, kept by every
 * implementation so data can move between them); longer or empty keys are an
 * {@link IllegalArgumentException} naming the length.
 *
 * <p>Implementations are thread-safe. The embedded one is {@code LmdbMetadataStore}; the contract
 * test {@code AbstractMetadataStoreTest} (engine-graveler's test-jar) is what any other
 * implementation, such as a future PostgreSQL one, must pass.
 */
public interface MetadataStore extends AutoCloseable {
    /** The largest key, in bytes, every implementation accepts. */
    int MAX_KEY_BYTES = 511;

    /** The value under {@code key}, if any. */
    Optional<byte[]> get(byte[] key);

    /** Sets {@code key} to {@code value}, creating or replacing it. */
    void put(byte[] key, byte[] value);

    /** Removes {@code key}; removing a missing key succeeds. */
    void delete(byte[] key);

    /**
     * Sets {@code key} to {@code replacement} only if it currently holds {@code expected}.
     *
     * @param expected the value required now, or {@code null} to require the key absent
     * @param replacement the new value, or {@code null} to delete the key
     * @return whether the swap happened; {@code false} means the current value differed and nothing changed
     */
    boolean compareAndSwap(byte[] key, byte[] expected, byte[] replacement);

    /**
     * Applies every operation of {@code batch} in one atomic, durable transaction, if every one of its
     * conditions holds; otherwise applies nothing.
     */
    WriteBatch.Outcome write(WriteBatch batch);

    /**
     * The entries whose keys start with {@code prefix}, in ascending key order, lazily. The stream
     * must be closed (try-with-resources); it holds no lock between elements.
     *
     * @param prefix the bytes every returned key starts with, empty for all keys; like
     *     {@code startAfter}, it need not be a valid key (a prefix longer than {@link #MAX_KEY_BYTES}
     *     matches nothing)
     * @param startAfter only keys strictly greater than this, or {@code null} for all
     */
    Stream<KeyValue> scan(byte[] prefix, byte[] startAfter);

    /** Closes the store; later calls fail with {@link IllegalStateException}. Idempotent. */
    @Override
    void close();
}
