package io.tarn.blockstore.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Listing objects by prefix, in byte order, page by page. Part of {@link AbstractBlockStoreContractTest}. */
public interface ListingContract extends BlockStoreFixture {
    /** Keys whose unsigned UTF-8 order differs from per-directory order and from Java's UTF-16 order. */
    List<String> TRICKY_KEYS = List.of("a", "a/b", "a-c", "a/", "a//b", "a0", "a.b", "a/b/c", "a\u00e9", "a\uff21", "a\ud83d\ude00", "b", "A", "a b", "a%2F", "a+");
    /** How many keys the large-listing tests hold: more than two pages of {@link BlockStore#listAll}. */
    int LARGE_LISTING = 2_100;

    @Test
    @DisplayName("keys list in unsigned UTF-8 byte order, not per-directory or UTF-16 order")
    default void byteOrder() {
        TRICKY_KEYS.forEach(key -> put(at(key), key.getBytes(UTF_8)));

        List<String> expected = TRICKY_KEYS.stream().sorted(UTF8_ORDER).toList();
        assertThat(keysIn(namespace())).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("a listed object carries its location, size and ETag")
    default void listedObjectsCarryStats() {
        byte[] data = DeterministicBytes.bytes(31, 777);
        put(at("x/y"), data);

        ListPage page = store().list(namespace().resolve(""), null, 10);

        assertThat(page.objects()).singleElement().satisfies(stat -> {
            assertThat(stat.location()).isEqualTo(at("x/y"));
            assertThat(stat.size()).isEqualTo(777);
            assertThat(stat.etag()).isEqualTo(Digests.md5Hex(data));
        });
    }

    @Test
    @DisplayName("a prefix is a string prefix: dir/fi matches dir/file and dir/fig/x, not dir/f or dir/gx")
    default void prefixEndingMidName() {
        for (String key : List.of("dir/f", "dir/fi", "dir/file", "dir/fig/x", "dir/gx", "dir-fi", "dirfi")) {
            put(at(key), new byte[] {1});
        }

        List<String> keys = store().list(at("dir/fi"), null, 100).objects().stream().map(s -> s.location().keyBelow(namespace())).toList();

        assertThat(keys).containsExactly("dir/fi", "dir/fig/x", "dir/file");
    }

    @Test
    @DisplayName("start-after lists strictly after it, whether or not it is a key")
    default void startAfter() {
        TRICKY_KEYS.forEach(key -> put(at(key), new byte[] {1}));
        List<String> sorted = TRICKY_KEYS.stream().sorted(UTF8_ORDER).toList();

        for (String after : List.of("", "a", "a/", "a/b/", "a0", "a\u00e9", "zzz")) {
            List<String> keys = store().list(namespace().resolve(""), at(after), 100).objects().stream().map(s -> s.location().keyBelow(namespace())).toList();
            assertThat(keys).as("after '%s'", after).containsExactlyElementsOf(sorted.stream().filter(k -> UTF8_ORDER.compare(k, after) > 0).toList());
        }
    }

    @Test
    @DisplayName("pages of 3 concatenate to the full listing; every page but the last is full and truncated")
    default void smallPages() {
        TRICKY_KEYS.forEach(key -> put(at(key), new byte[] {1}));

        List<ListPage> pages = allPages(namespace(), 3);

        for (ListPage page : pages.subList(0, pages.size() - 1)) {
            assertThat(page.truncated()).isTrue();
            assertThat(page.objects()).hasSize(3);
        }
        assertThat(pages.get(pages.size() - 1).truncated()).isFalse();
        assertThat(keysOf(pages, namespace())).containsExactlyElementsOf(TRICKY_KEYS.stream().sorted(UTF8_ORDER).toList());
    }

    @Test
    @DisplayName("a page that ends at the last object is not truncated")
    default void exactPageIsNotTruncated() {
        put(at("one"), new byte[] {1});
        put(at("two"), new byte[] {2});

        ListPage page = store().list(namespace().resolve(""), null, 2);

        assertThat(page.objects()).hasSize(2);
        assertThat(page.truncated()).isFalse();
    }

    @Test
    @DisplayName("an empty namespace lists as one empty, untruncated page")
    default void emptyListing() {
        ListPage page = store().list(namespace().resolve(""), null, 10);

        assertThat(page.objects()).isEmpty();
        assertThat(page.truncated()).isFalse();
    }

    @Test
    @DisplayName("a namespace's listing holds only its own keys, not a sibling's whose name extends it")
    default void namespaceIsolation() {
        Location sibling = Location.of(namespace() + "-sibling");
        put(at("mine"), new byte[] {1});
        put(sibling.resolve("theirs"), new byte[] {2});

        assertThat(keysIn(namespace())).containsExactly("mine");
        assertThat(keysIn(sibling)).containsExactly("theirs");
    }

    @Test
    @DisplayName("more than 2,000 keys page in byte order with small pages, and listAll equals the pages")
    default void largeListingPages() {
        Location large = largeListing();
        List<String> expected = largeKeys().stream().sorted(UTF8_ORDER).toList();

        List<String> paged = keysOf(allPages(large, 250), large);

        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(keysIn(large)).containsExactlyElementsOf(paged);
    }

    @Test
    @DisplayName("start-after in the middle of more than 2,000 keys continues exactly there")
    default void largeListingStartAfter() {
        Location large = largeListing();
        List<String> expected = largeKeys().stream().sorted(UTF8_ORDER).toList();

        for (int index : new int[] {0, 999, 1000, 1777, expected.size() - 2}) {
            ListPage page = store().list(large.resolve(""), large.resolve(expected.get(index)), 5);
            List<String> keys = page.objects().stream().map(s -> s.location().keyBelow(large)).toList();
            assertThat(keys).as("after index %d", index).containsExactlyElementsOf(expected.subList(index + 1, Math.min(index + 6, expected.size())));
        }
    }

    @Test
    @DisplayName("maxKeys below 1 is refused")
    default void maxKeysMustBePositive() {
        assertThatThrownBy(() -> store().list(namespace().resolve(""), null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<ListPage> allPages(Location namespace, int maxKeys) {
        List<ListPage> pages = new ArrayList<>();
        Location after = null;
        ListPage page;
        do {
            page = store().list(namespace.resolve(""), after, maxKeys);
            pages.add(page);
            assertThat(page.objects().size()).isLessThanOrEqualTo(maxKeys);
            assertThat(page.objects().isEmpty() && page.truncated()).as("an empty page claims more follow").isFalse();
            after = page.lastLocation();
        } while (page.truncated());
        return pages;
    }

    private static List<String> keysOf(List<ListPage> pages, Location namespace) {
        return pages.stream().flatMap(page -> page.objects().stream()).map(stat -> stat.location().keyBelow(namespace)).toList();
    }

    /** 2,100 distinct keys over an alphabet with separators, unicode and a long run, deterministic. */
    private static List<String> largeKeys() {
        String[] alphabet = {"a", "b", "/", "-", ".", "0", "\u00e9", "\ud83d\ude00", "%", " ", "//", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
        Random random = new Random(2_100);
        Set<String> keys = new LinkedHashSet<>();
        while (keys.size() < LARGE_LISTING) {
            StringBuilder key = new StringBuilder();
            int length = 1 + random.nextInt(10);
            for (int i = 0; i < length; i++) {
                key.append(alphabet[random.nextInt(alphabet.length)]);
            }
            keys.add(key.toString());
        }
        return List.copyOf(keys);
    }

    private Location largeListing() {
        return sharedNamespace("large listing", namespace -> {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<ObjectStat>> writes = new ArrayList<>();
                for (String key : largeKeys()) {
                    writes.add(pool.submit(() -> put(namespace.resolve(key), key.getBytes(UTF_8))));
                }
                for (Future<ObjectStat> write : writes) {
                    write.get();
                }
            } catch (Exception e) {
                throw new AssertionError("Cannot populate the large listing", e);
            } finally {
                pool.shutdownNow();
            }
        });
    }
}
