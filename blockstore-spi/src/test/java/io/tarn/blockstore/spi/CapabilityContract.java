package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every capability is either offered, and then {@code require} hands out the store, or refused with a
 * message naming store and capability. Together with the capability contracts (which run only when
 * the capability is offered) no capability goes untested. Part of {@link AbstractBlockStoreContractTest}.
 */
public interface CapabilityContract extends BlockStoreFixture {
    @TestFactory
    @DisplayName("each capability is offered through require, or refused naming store type and capability")
    default Stream<DynamicTest> offeredOrRefusedClearly() {
        return Arrays.stream(Capability.values()).map(capability -> store().supports(capability)
                ? DynamicTest.dynamicTest(capability.description() + " is offered: require returns the store itself", () -> {
                    assertThat(store().require(capability, capability.type())).isSameAs(store());
                    assertThat(capability.type().isInstance(store())).isTrue();
                })
                : DynamicTest.dynamicTest(capability.description() + " is absent: require fails with UnsupportedCapabilityException", () ->
                    assertThatThrownBy(() -> store().require(capability, capability.type()))
                            .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> assertThat(e.capability()).isEqualTo(capability))
                            .hasMessageStartingWith("Cannot")
                            .hasMessageContaining("'" + store().type() + "'")
                            .hasMessageContaining(capability.description())
                            .hasMessageContaining(capability.name())));
    }

    @Test
    @DisplayName("require with a type that is not the capability's is refused")
    default void requireWithWrongTypeRefused() {
        assertThatThrownBy(() -> store().require(Capability.SERVER_SIDE_COPY, SupportsMultipartUpload.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid capability type");
    }
}
