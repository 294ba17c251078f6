package io.tarn.blockstore.spi;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The blockstore contract as tests: every plugin extends this class once, against a real service or
 * an emulator, and passes it before it is used.
 *
 * <p><b>What a plugin provides.</b> {@link #openStore()} (called once per test class; the kit closes
 * the store after the last test) and {@link #baseLocation()}, a location the store serves where the
 * kit may create namespaces. Each test gets a fresh namespace below it
 * ({@code <base>/tarn-contract-<random>}) and the kit deletes that namespace's objects afterwards;
 * override {@link #newNamespace()} if the backend needs another scheme of names.
 *
 * <p><b>What the kit checks.</b> The core behaviour of {@link BlockStore} ({@link ObjectContract},
 * {@link DeleteContract}, {@link ByteRangeContract}, {@link ListingContract}, {@link KeyNamesContract},
 * {@link ConcurrentWriteContract}, {@link LargeObjectContract}), and each optional capability the store
 * offers, which it derives from {@link BlockStore#supports}: {@link MultipartUploadContract},
 * {@link ServerSideCopyContract}, {@link ConditionalPutContract}, {@link PresignedUrlContract}. Tests of
 * a capability the store lacks are skipped with a message naming it, and
 * {@link CapabilityContract} checks instead that {@link BlockStore#require} refuses it clearly, so
 * every capability is tested one way or the other.
 *
 * <p><b>Running it.</b> Run the subclass with a heap smaller than 1 GiB (plugins use
 * {@code -Xmx256m}): {@link LargeObjectContract} streams a 1 GiB object through the store and the
 * heap cap is what proves it is never buffered whole. Tests run one at a time (the default);
 * the instance lives for the whole class ({@link TestInstance.Lifecycle#PER_CLASS}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractBlockStoreContractTest implements BlockStoreFixture,
        ObjectContract, DeleteContract, ByteRangeContract, ListingContract, KeyNamesContract, ConcurrentWriteContract,
        LargeObjectContract, CapabilityContract, MultipartUploadContract, ServerSideCopyContract, ConditionalPutContract,
        PresignedUrlContract {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Location> shared = new LinkedHashMap<>();
    private BlockStore store;
    private Location namespace;

    /** Opens the store under test. Called once, before the first test of the class. */
    protected abstract BlockStore openStore();

    /** Where the kit creates its namespaces: served by the store, holding nothing anyone needs. */
    protected abstract Location baseLocation();

    /**
     * A namespace no test has used: {@code <base>/tarn-contract-<12 random hex digits>}. Every call
     * must return a path of the same length (the long-key tests size their keys by it).
     */
    @Override
    public Location newNamespace() {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        return baseLocation().resolve("tarn-contract-" + HexFormat.of().formatHex(id));
    }

    @Override
    public int maxPathBytes() {
        return 1024;
    }

    @Override
    public final BlockStore store() {
        return store;
    }

    @Override
    public final Location namespace() {
        return namespace;
    }

    @Override
    public final synchronized Location sharedNamespace(String purpose, Consumer<Location> populate) {
        Location existing = shared.get(purpose);
        if (existing != null) {
            return existing;
        }
        Location created = newNamespace();
        populate.accept(created);
        shared.put(purpose, created);
        return created;
    }

    @BeforeAll
    protected final void openStoreUnderTest() {
        store = openStore();
    }

    @BeforeEach
    protected final void startInFreshNamespace() {
        namespace = newNamespace();
    }

    @AfterEach
    protected final void removeTestNamespace() {
        // A plain string prefix: also takes siblings a test made by extending the namespace's name.
        removeBestEffort(namespace);
    }

    @AfterAll
    protected final void closeStoreUnderTest() {
        if (store == null) {
            return;
        }
        try {
            shared.values().forEach(this::removeBestEffort);
        } finally {
            store.close();
        }
    }

    /** Cleaning up must not hide a test's own outcome, so failures here are ignored. */
    private void removeBestEffort(Location prefix) {
        try (var objects = store.listAll(prefix)) {
            List<Location> locations = objects.map(ObjectStat::location).toList();
            store.deleteAll(locations);
        } catch (RuntimeException ignored) {
            // The backend will be cleaned with the emulator or the temporary directory.
        }
    }
}
