package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Deleting objects, one or many. Part of {@link AbstractBlockStoreContractTest}. */
public interface DeleteContract extends BlockStoreFixture {
    @Test
    @DisplayName("a deleted object can no longer be read, stat-ed or listed")
    default void deletedIsGone() {
        put(at("doomed"), new byte[] {1, 2, 3});

        store().delete(at("doomed"));

        assertThatThrownBy(() -> store().stat(at("doomed"))).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store().get(at("doomed")).close()).isInstanceOf(ObjectNotFoundException.class);
        assertThat(keysIn(namespace())).isEmpty();
    }

    @Test
    @DisplayName("deleting a missing object succeeds")
    default void deleteMissingIsIdempotent() {
        store().delete(at("never-was"));
        put(at("once"), new byte[] {1});
        store().delete(at("once"));

        store().delete(at("once"));

        assertThat(keysIn(namespace())).isEmpty();
    }

    @Test
    @DisplayName("deleting an object leaves the objects whose keys extend or prefix its key")
    default void deleteLeavesNeighbours() {
        for (String key : List.of("a", "a/b", "ab", "a/", "a/b/c")) {
            put(at(key), key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        store().delete(at("a/b"));

        assertThat(keysIn(namespace())).containsExactly("a", "a/", "a/b/c", "ab");
        assertThat(read(at("a/b/c"))).isEqualTo("a/b/c".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("deleteAll removes every existing object and reports nothing for missing ones")
    default void deleteAllWithSomeMissing() {
        put(at("one"), new byte[] {1});
        put(at("two"), new byte[] {2});
        put(at("keep"), new byte[] {3});

        Map<Location, BlockStoreException> failures = store().deleteAll(List.of(at("one"), at("missing"), at("two"), at("also/missing")));

        assertThat(failures).isEmpty();
        assertThat(keysIn(namespace())).containsExactly("keep");
    }

    @Test
    @DisplayName("a deleted location can be written again")
    default void rewriteAfterDelete() {
        put(at("phoenix"), new byte[] {1});
        store().delete(at("phoenix"));

        put(at("phoenix"), new byte[] {2, 2});

        assertThat(read(at("phoenix"))).containsExactly(2, 2);
    }
}
