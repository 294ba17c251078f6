package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Copies inside the backend, tested when the store offers {@link Capability#SERVER_SIDE_COPY}. Part of {@link AbstractBlockStoreContractTest}. */
public interface ServerSideCopyContract extends BlockStoreFixture {
    private SupportsServerSideCopy copier() {
        assumeCapability(Capability.SERVER_SIDE_COPY);
        return store().require(Capability.SERVER_SIDE_COPY, SupportsServerSideCopy.class);
    }

    @Test
    @DisplayName("a copy has the source's bytes, size and ETag")
    default void copyHasSameBytes() {
        SupportsServerSideCopy copier = copier();
        byte[] data = DeterministicBytes.bytes(51, 3000);
        ObjectStat source = put(at("source"), data);

        ObjectStat copy = copier.copy(at("source"), at("copy/of/source"));

        assertThat(copy.location()).isEqualTo(at("copy/of/source"));
        assertThat(copy.size()).isEqualTo(3000);
        assertThat(copy.etag()).isEqualTo(source.etag());
        assertThat(read(at("copy/of/source"))).isEqualTo(data);
        assertThat(read(at("source"))).isEqualTo(data);
    }

    @Test
    @DisplayName("copying a missing source is ObjectNotFoundException naming the source")
    default void copyOfMissing() {
        SupportsServerSideCopy copier = copier();

        assertThatThrownBy(() -> copier.copy(at("missing"), at("target")))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> assertThat(e.location()).isEqualTo(at("missing")));
        assertThatThrownBy(() -> store().stat(at("target"))).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    @DisplayName("overwriting or deleting the source afterwards leaves the copy unchanged")
    default void copyIsIndependent() {
        SupportsServerSideCopy copier = copier();
        byte[] data = DeterministicBytes.bytes(52, 2000);
        put(at("source"), data);
        copier.copy(at("source"), at("copy"));

        put(at("source"), DeterministicBytes.bytes(53, 100));
        assertThat(read(at("copy"))).isEqualTo(data);
        store().delete(at("source"));

        assertThat(read(at("copy"))).isEqualTo(data);
        assertThat(store().stat(at("copy")).etag()).isEqualTo(Digests.md5Hex(data));
    }

    @Test
    @DisplayName("a copy replaces an existing target")
    default void copyReplacesTarget() {
        SupportsServerSideCopy copier = copier();
        byte[] data = DeterministicBytes.bytes(54, 500);
        put(at("source"), data);
        put(at("target"), new byte[] {1});

        copier.copy(at("source"), at("target"));

        assertThat(read(at("target"))).isEqualTo(data);
    }
}
