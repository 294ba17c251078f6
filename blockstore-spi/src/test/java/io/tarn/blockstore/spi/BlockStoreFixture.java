package io.tarn.blockstore.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the contract tests need from the test class: the store under test, a fresh namespace for
 * each test, and a few helpers to write, read and list objects. {@link AbstractBlockStoreContractTest}
 * implements it; a plugin extends that class and never implements this interface itself.
 */
public interface BlockStoreFixture {
    /** Unsigned byte order of the keys' UTF-8 encodings: the order every listing must follow. */
    Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));

    /** The store under test: one instance for the whole test class. */
    BlockStore store();

    /** This test's namespace: empty when the test starts, used by no other test. */
    Location namespace();

    /** Another namespace no test has used, for tests that need two. */
    Location newNamespace();

    /**
     * A namespace populated by {@code populate} once per test class and shared by the tests that ask
     * for it under the same {@code purpose}; they must only read it.
     */
    Location sharedNamespace(String purpose, Consumer<Location> populate);

    /** The longest location path (bytes of UTF-8) the store must accept: S3's key limit, 1,024. */
    int maxPathBytes();

    /** {@code key} in this test's namespace. */
    default Location at(String key) {
        return namespace().resolve(key);
    }

    /** Writes {@code data} with its length announced and default options. */
    default ObjectStat put(Location location, byte[] data) {
        return store().put(location, new ByteArrayInputStream(data), data.length, PutOptions.DEFAULT);
    }

    /** The whole object's bytes. */
    default byte[] read(Location location) {
        try (InputStream in = store().get(location)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a range of the object. */
    default byte[] read(Location location, ByteRange range) {
        try (InputStream in = store().get(location, range)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys below {@code namespace}, as {@link BlockStore#listAll} returns them, in its order. */
    default List<String> keysIn(Location namespace) {
        try (var objects = store().listAll(namespace.resolve(""))) {
            return objects.map(stat -> stat.location().keyBelow(namespace)).toList();
        }
    }

    /** Skips the calling test, saying so, when the store does not offer {@code capability}. */
    default void assumeCapability(Capability capability) {
        assumeTrue(store().supports(capability), () -> "Blockstore '" + store().type() + "' does not offer " + capability.description()
                + " (" + capability + "); CapabilityContract checks that require() refuses it clearly");
    }

    /**
     * Compares two byte arrays by length, then by their first difference, so that a failure on a
     * multi-megabyte object prints a line, not the object.
     */
    static void assertSameBytes(byte[] actual, byte[] expected) {
        assertThat(actual.length).as("length").isEqualTo(expected.length);
        int mismatch = Arrays.mismatch(actual, expected);
        assertThat(mismatch).as("index of the first differing byte (-1: none)").isEqualTo(-1);
    }
}
