package io.tarn.blockstore.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Keys are arbitrary strings that mean exactly themselves. Part of {@link AbstractBlockStoreContractTest}. */
public interface KeyNamesContract extends BlockStoreFixture {
    @ParameterizedTest(name = "a key with {0} round-trips, stats and lists as exactly itself")
    @EnumSource(UnusualKey.class)
    default void unusualKeyRoundTrips(UnusualKey unusual) {
        String key = keyFor(unusual);
        Location location = at(key);
        byte[] data = key.getBytes(UTF_8);

        ObjectStat written = put(location, data);

        assertThat(written.location()).isEqualTo(location);
        assertThat(read(location)).isEqualTo(data);
        assertThat(store().stat(location).location()).isEqualTo(location);
        assertThat(store().stat(location).etag()).isEqualTo(Digests.md5Hex(data));
        List<ObjectStat> listed = store().list(namespace().resolve(""), null, 10).objects();
        assertThat(listed).extracting(ObjectStat::location).containsExactly(location);
        assertThat(listed.get(0).location().keyBelow(namespace())).isEqualTo(key);
    }

    @Test
    @DisplayName("all unusual keys coexist as distinct objects and list exactly, in byte order")
    default void unusualKeysCoexist() {
        List<String> keys = Arrays.stream(UnusualKey.values()).map(this::keyFor).toList();
        keys.forEach(key -> put(at(key), key.getBytes(UTF_8)));

        assertThat(keysIn(namespace())).containsExactlyElementsOf(keys.stream().sorted(UTF8_ORDER).toList());
        keys.forEach(key -> assertThat(read(at(key))).as(key).isEqualTo(key.getBytes(UTF_8)));
    }

    @Test
    @DisplayName("keys that differ only by '/' placement or by case are distinct objects")
    default void nearIdenticalKeysAreDistinct() {
        List<String> keys = List.of("ab", "a/b", "a//b", "/ab", "ab/", "AB", "Ab", "a%2Fb", "a%2fb");
        keys.forEach(key -> put(at(key), key.getBytes(UTF_8)));

        keys.forEach(key -> assertThat(read(at(key))).as(key).isEqualTo(key.getBytes(UTF_8)));
        assertThat(keysIn(namespace())).hasSize(keys.size());
    }

    private String keyFor(UnusualKey unusual) {
        return unusual.key(namespace().path().getBytes(UTF_8).length, maxPathBytes());
    }
}
