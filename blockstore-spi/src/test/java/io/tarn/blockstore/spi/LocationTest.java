package io.tarn.blockstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocationTest {
    @Test
    @DisplayName("parses scheme, authority and path")
    void parsesItsParts() {
        Location location = Location.of("s3://bucket/repo/data/x");

        assertThat(location).isEqualTo(new Location("s3", "bucket", "repo/data/x"));
    }

    @Test
    @DisplayName("a location without a path has an empty path")
    void noPathMeansEmptyPath() {
        assertThat(Location.of("s3://bucket").path()).isEmpty();
        assertThat(Location.of("s3://bucket").authority()).isEqualTo("bucket");
    }

    @Test
    @DisplayName("local:///abs/x has an empty authority and path abs/x")
    void emptyAuthority() {
        assertThat(Location.of("local:///abs/x")).isEqualTo(new Location("local", "", "abs/x"));
    }

    @ParameterizedTest(name = "''{0}'' keeps its path literally and prints back the same")
    @ValueSource(strings = {"s3://b/a%2Fb", "s3://b/a+b c", "s3://b/a//b", "s3://b//lead", "s3://b/../x/./y", "s3://b/tr/", "s3://b/ü😀", "s3://b/100%"})
    void pathIsNeverDecoded(String text) {
        Location location = Location.of(text);

        assertThat(location.path()).isEqualTo(text.substring("s3://b/".length()));
        assertThat(location.toString()).isEqualTo(text);
        assertThat(Location.of(location.toString())).isEqualTo(location);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"bucket/key", "://bucket/key", "s3:/bucket/key", "S3://bucket/key", "1s://bucket/key", "s_3://bucket/key"})
    void malformedIsRefused(String text) {
        assertThatThrownBy(() -> Location.of(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid location");
    }

    @Test
    @DisplayName("a string without :// is refused naming the value")
    void missingSeparatorNamesTheValue() {
        assertThatThrownBy(() -> Location.of("bucket/key")).hasMessageContaining("'bucket/key'");
    }

    @Test
    @DisplayName("a NUL in the path is refused, shown escaped")
    void nulInPathIsRefused() {
        assertThatThrownBy(() -> Location.of("s3://b/a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid location")
                .hasMessageContaining("a\\0b")
                .hasMessageContaining("NUL");
    }

    @Test
    @DisplayName("a NUL in the authority is refused")
    void nulInAuthorityIsRefused() {
        assertThatThrownBy(() -> new Location("s3", "b\0", "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    @DisplayName("a NUL appended by resolve is refused")
    void nulThroughResolveIsRefused() {
        assertThatThrownBy(() -> Location.of("s3://b/ns").resolve("x\0")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    @DisplayName("an authority holding '/' is refused")
    void slashInAuthorityIsRefused() {
        assertThatThrownBy(() -> new Location("s3", "a/b", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a/b'");
    }

    @Test
    @DisplayName("resolve joins path and key with exactly one '/'")
    void resolveJoinsWithOneSlash() {
        assertThat(Location.of("s3://b/ns").resolve("k").path()).isEqualTo("ns/k");
        assertThat(Location.of("s3://b/ns/").resolve("k").path()).isEqualTo("ns/k");
        assertThat(Location.of("s3://b").resolve("k").path()).isEqualTo("k");
    }

    @Test
    @DisplayName("resolve takes the key literally: a leading '/' and '..' segments stay")
    void resolveIsLiteral() {
        assertThat(Location.of("s3://b/ns").resolve("/etc/passwd").path()).isEqualTo("ns//etc/passwd");
        assertThat(Location.of("s3://b/ns").resolve("../x").path()).isEqualTo("ns/../x");
        assertThat(Location.of("s3://b/ns").resolve("").path()).isEqualTo("ns/");
    }

    @Test
    @DisplayName("keyBelow undoes resolve")
    void keyBelowUndoesResolve() {
        Location base = Location.of("s3://b/ns");

        assertThat(base.resolve("/a//b/").keyBelow(base)).isEqualTo("/a//b/");
        assertThat(Location.of("s3://b/x/y").keyBelow(Location.of("s3://b"))).isEqualTo("x/y");
        assertThat(Location.of("s3://b/ns/x").keyBelow(Location.of("s3://b/ns/"))).isEqualTo("x");
    }

    @Test
    @DisplayName("keyBelow refuses a sibling whose name merely starts like the base")
    void keyBelowRefusesSibling() {
        assertThatThrownBy(() -> Location.of("s3://b/ns-other/x").keyBelow(Location.of("s3://b/ns")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://b/ns-other/x")
                .hasMessageContaining("not below 's3://b/ns'");
    }

    @Test
    @DisplayName("keyBelow refuses another authority or scheme")
    void keyBelowRefusesOtherAuthority() {
        assertThatThrownBy(() -> Location.of("s3://c/ns/x").keyBelow(Location.of("s3://b/ns"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Location.of("gs://b/ns/x").keyBelow(Location.of("s3://b/ns"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("startsWith is a plain string prefix within one authority")
    void startsWithIsStringPrefix() {
        assertThat(Location.of("s3://b/data/file").startsWith(Location.of("s3://b/data/fi"))).isTrue();
        assertThat(Location.of("s3://b/data/file").startsWith(Location.of("s3://b/data/g"))).isFalse();
        assertThat(Location.of("s3://bc/data").startsWith(Location.of("s3://b"))).isFalse();
    }
}
