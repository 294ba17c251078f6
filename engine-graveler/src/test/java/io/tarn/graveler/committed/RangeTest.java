package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RangeTest {
    private static final List<String> KEYS = List.of("a", "data/x", "data/日本語", "data/\uE000", "data/😀", "z");

    private static Entry entry(String key) {
        return new Entry("data/" + key, key.length(), "etag-" + key, Map.of("CRC32C", "c-" + key), "text/plain",
                Map.of("owner", "o-" + key), Map.of("team", "t-" + key), Instant.ofEpochMilli(1_000 + key.length()));
    }

    private static Range rangeOf(List<String> keys) {
        Range.Builder builder = Range.builder();
        keys.forEach(k -> builder.add(k, entry(k)));
        return builder.build();
    }

    private static Range rangeWith(int index, Entry replacement) {
        Range.Builder builder = Range.builder();
        for (int i = 0; i < KEYS.size(); i++) {
            builder.add(KEYS.get(i), i == index ? replacement : entry(KEYS.get(i)));
        }
        return builder.build();
    }

    @Test
    void recordsKeepTheirKeysAndEntriesInOrder() {
        Range range = rangeOf(KEYS);

        assertThat(range.size()).isEqualTo(KEYS.size());
        for (int i = 0; i < KEYS.size(); i++) {
            assertThat(range.key(i)).isEqualTo(KEYS.get(i));
            assertThat(range.entry(i)).isEqualTo(entry(KEYS.get(i)));
            assertThat(range.encodedEntry(i)).isEqualTo(EntryCodec.encode(entry(KEYS.get(i))));
        }
    }

    @Test
    void builderRefusesAKeyBeforeThePreviousNamingBothKeys() {
        Range.Builder builder = Range.builder().add("b/later", entry("b"));

        assertThatThrownBy(() -> builder.add("a/earlier", entry("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a/earlier'")
                .hasMessageContaining("'b/later'");
    }

    @Test
    void builderRefusesADuplicateKeyNamingIt() {
        Range.Builder builder = Range.builder().add("data/x", entry("x"));

        assertThatThrownBy(() -> builder.add("data/x", entry("y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid range record 'data/x'")
                .hasMessageContaining("after 'data/x'");
    }

    @Test
    void builderOrdersKeysByUtf8BytesNotUtf16() {
        // "😀" < "\uE000" in String.compareTo, but after it in UTF-8 byte order.
        Range.Builder builder = Range.builder().add("😀", entry("😀"));

        assertThatThrownBy(() -> builder.add("\uE000", entry("p")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'\uE000'")
                .hasMessageContaining("'😀'");
    }

    @Test
    void builderRefusesAnIdentityThatIsNot32BytesNamingTheKey() {
        Range.Builder builder = Range.builder();
        byte[] encoded = EntryCodec.encode(entry("k"));

        assertThatThrownBy(() -> builder.add("k", encoded, new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'k'")
                .hasMessageContaining("16 bytes");
    }

    @Test
    void emptyBuilderCannotBuild() {
        Range.Builder builder = Range.builder();

        assertThat(builder.isEmpty()).isTrue();
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("empty range");
    }

    @Test
    void indexOfFindsEveryKey() {
        Range range = rangeOf(KEYS);

        for (int i = 0; i < KEYS.size(); i++) {
            assertThat(range.indexOf(KEYS.get(i))).as(KEYS.get(i)).isEqualTo(i);
        }
    }

    @Test
    void indexOfGivesTheInsertionPointOfAbsentKeys() {
        Range range = rangeOf(KEYS); // a, data/x, data/日本語, data/\uE000, data/😀, z

        assertThat(range.indexOf("")).isEqualTo(-1);
        assertThat(range.indexOf("0")).isEqualTo(-1);
        assertThat(range.indexOf("a/")).isEqualTo(-2);
        assertThat(range.indexOf("data/y")).isEqualTo(-3);
        assertThat(range.indexOf("data/日本")).isEqualTo(-3);
        assertThat(range.indexOf("data/日本語/")).isEqualTo(-4);
        assertThat(range.indexOf("data/\uFFFF")).isEqualTo(-5);
        assertThat(range.indexOf("data/𝄞")).isEqualTo(-5);
        assertThat(range.indexOf("data/😀/")).isEqualTo(-6);
        assertThat(range.indexOf("zz")).isEqualTo(-7);
    }

    @Test
    void indexOfInASingleRecordRange() {
        Range range = rangeOf(List.of("m"));

        assertThat(range.indexOf("m")).isZero();
        assertThat(range.indexOf("a")).isEqualTo(-1);
        assertThat(range.indexOf("z")).isEqualTo(-2);
    }

    @Test
    void indexOfTellsApartKeysThatDifferOnlyAfterALongSharedPart() {
        List<String> keys = List.of("data/year=2026/month=01/part-00000000.parquet", "data/year=2026/month=01/part-00000000.parquet.crc",
                "data/year=2026/month=01/part-00000001.parquet", "data/year=2026/month=01/part-00000001.parquet/x");
        Range range = rangeOf(keys);

        for (int i = 0; i < keys.size(); i++) {
            assertThat(range.indexOf(keys.get(i))).isEqualTo(i);
        }
        assertThat(range.indexOf("data/year=2026/month=01/part-00000000.parquet.crc0")).isEqualTo(-3);
        assertThat(range.indexOf("data/year=2026/month=01/part-00000000.parquef")).isEqualTo(-1);
        assertThat(range.indexOf("data/year=2026/month=01/part-00000001.parquet/")).isEqualTo(-4);
        assertThat(range.indexOf("data/year=2026/month=02")).isEqualTo(-5);
        assertThat(range.indexOf("data/year=2026/")).isEqualTo(-1);
    }

    @Test
    void indexOfTellsApartKeysEndingInNulBytes() {
        List<String> keys = List.of("k", "k\0", "k\0\0", "k\0\1", "k\1");
        Range range = rangeOf(keys);

        for (int i = 0; i < keys.size(); i++) {
            assertThat(range.indexOf(keys.get(i))).isEqualTo(i);
        }
        assertThat(range.indexOf("k\0\0\0")).isEqualTo(-4);
        assertThat(range.indexOf("k\0\2")).isEqualTo(-5);
        assertThat(range.indexOf("j")).isEqualTo(-1);
    }

    @Test
    void indexOfAgreesWithABinarySearchInKeyOrderOnRandomKeys() {
        Random random = new Random(42);
        String[] alphabet = {"", "/", "a", "b", "\0", "é", "\uE000", "😀", "part-0000"};
        for (int round = 0; round < 200; round++) {
            String shared = random.nextBoolean() ? "" : "data/" + "x".repeat(random.nextInt(12));
            TreeSet<String> set = new TreeSet<>(KeyOrder.COMPARATOR);
            int size = 1 + random.nextInt(30);
            while (set.size() < size) {
                set.add(shared + randomKey(random, alphabet));
            }
            List<String> keys = new ArrayList<>(set);
            Range range = rangeOf(keys);
            for (int probe = 0; probe < 50; probe++) {
                String key = probe % 5 == 0 ? keys.get(random.nextInt(keys.size())) : shared + randomKey(random, alphabet);
                assertThat(range.indexOf(key)).as("%s in %s", key, keys)
                        .isEqualTo(Collections.binarySearch(keys, key, KeyOrder.COMPARATOR));
            }
        }
    }

    private static String randomKey(Random random, String[] alphabet) {
        StringBuilder sb = new StringBuilder();
        int parts = random.nextInt(5);
        for (int i = 0; i < parts; i++) {
            sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    @Test
    void equalRecordsGiveEqualIds() {
        assertThat(rangeOf(KEYS).id()).isEqualTo(rangeOf(KEYS).id()).hasSize(64).matches("[0-9a-f]+");
    }

    static Stream<Arguments> fieldChanges() {
        return Stream.of(
                Arguments.of("address", (UnaryOperator<Entry>) e -> new Entry(e.address() + "2", e.size(), e.etag(), e.checksums(),
                        e.contentType(), e.userMetadata(), e.tags(), e.lastModified())),
                Arguments.of("size", (UnaryOperator<Entry>) e -> new Entry(e.address(), e.size() + 1, e.etag(), e.checksums(),
                        e.contentType(), e.userMetadata(), e.tags(), e.lastModified())),
                Arguments.of("etag", (UnaryOperator<Entry>) e -> new Entry(e.address(), e.size(), e.etag() + "2", e.checksums(),
                        e.contentType(), e.userMetadata(), e.tags(), e.lastModified())),
                Arguments.of("checksums", (UnaryOperator<Entry>) e -> new Entry(e.address(), e.size(), e.etag(), Map.of("CRC32C", "other"),
                        e.contentType(), e.userMetadata(), e.tags(), e.lastModified())),
                Arguments.of("contentType", (UnaryOperator<Entry>) e -> new Entry(e.address(), e.size(), e.etag(), e.checksums(),
                        e.contentType() + "; charset=utf-8", e.userMetadata(), e.tags(), e.lastModified())),
                Arguments.of("userMetadata", (UnaryOperator<Entry>) e -> new Entry(e.address(), e.size(), e.etag(), e.checksums(),
                        e.contentType(), Map.of("owner", "someone else"), e.tags(), e.lastModified())),
                Arguments.of("tags", (UnaryOperator<Entry>) e -> new Entry(e.address(), e.size(), e.etag(), e.checksums(),
                        e.contentType(), e.userMetadata(), Map.of(), e.lastModified())),
                Arguments.of("lastModified", (UnaryOperator<Entry>) e -> new Entry(e.address(), e.size(), e.etag(), e.checksums(),
                        e.contentType(), e.userMetadata(), e.tags(), e.lastModified().plusMillis(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldChanges")
    void idChangesWhenOneFieldOfAnyRecordChanges(String field, UnaryOperator<Entry> change) {
        String original = rangeOf(KEYS).id();

        for (int i = 0; i < KEYS.size(); i++) {
            Entry changed = change.apply(entry(KEYS.get(i)));
            assertThat(changed).as("the change to %s changes the entry", field).isNotEqualTo(entry(KEYS.get(i)));
            assertThat(rangeWith(i, changed).id()).as("%s of record %d", field, i).isNotEqualTo(original);
        }
    }

    @Test
    void idChangesWhenAKeyChanges() {
        String original = rangeOf(KEYS).id();

        for (int i = 0; i < KEYS.size(); i++) {
            Range.Builder builder = Range.builder();
            for (int j = 0; j < KEYS.size(); j++) {
                String key = j == i ? KEYS.get(j) + "~" : KEYS.get(j);
                builder.add(key, entry(KEYS.get(j)));
            }
            assertThat(builder.build().id()).as("key of record %d", i).isNotEqualTo(original);
        }
    }

    @Test
    void idChangesWhenARecordIsAddedOrRemoved() {
        String original = rangeOf(KEYS).id();

        assertThat(rangeOf(KEYS.subList(0, KEYS.size() - 1)).id()).isNotEqualTo(original);
        assertThat(rangeOf(KEYS.subList(1, KEYS.size())).id()).isNotEqualTo(original);
        assertThat(rangeOf(Stream.concat(KEYS.stream(), Stream.of("zz")).toList()).id()).isNotEqualTo(original);
    }

    @Test
    void idKeepsKeyAndEntryBytesApart() {
        // Without length prefixes, key "ab" + entry E and key "a" + entry "b"E would hash the same bytes.
        Entry e = entry("k");
        byte[] encoded = EntryCodec.encode(e);
        byte[] shifted = new byte[encoded.length + 1];
        shifted[0] = 'b';
        System.arraycopy(encoded, 0, shifted, 1, encoded.length);
        byte[] identity = HexFormat.of().parseHex(e.identity());

        Range a = Range.builder().add("ab", encoded, identity).build();
        Range b = Range.builder().add("a", shifted, identity).build();

        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void copyingRecordsFromAnotherRangeGivesTheSameId() {
        Range source = rangeOf(KEYS);
        Range.Builder copy = Range.builder();
        for (int i = 0; i < source.size(); i++) {
            copy.add(source, i);
        }

        Range copied = copy.build();

        assertThat(copied.id()).isEqualTo(source.id());
        assertThat(copied.info()).isEqualTo(source.info());
    }

    @Test
    void mixingCopiedAndEncodedRecordsGivesTheSameId() {
        Range source = rangeOf(KEYS);
        Range.Builder mixed = Range.builder();
        for (int i = 0; i < source.size(); i++) {
            if (i % 2 == 0) {
                mixed.add(source, i);
            } else {
                Entry e = entry(KEYS.get(i));
                mixed.add(KEYS.get(i), EntryCodec.encode(e), HexFormat.of().parseHex(e.identity()));
            }
        }

        assertThat(mixed.build().id()).isEqualTo(source.id());
    }

    @Test
    void identityOfEachRecordIsTheEntryIdentity() {
        Range range = rangeOf(KEYS);

        for (int i = 0; i < KEYS.size(); i++) {
            byte[] identity = HexFormat.of().parseHex(entry(KEYS.get(i)).identity());
            assertThat(range.identity(i)).isEqualTo(identity);
            assertThat(range.hasIdentity(i, identity)).isTrue();
        }
    }

    @Test
    void hasIdentityIsFalseForAnotherEntrysIdentity() {
        Range range = rangeOf(KEYS);

        assertThat(range.hasIdentity(0, HexFormat.of().parseHex(entry(KEYS.get(1)).identity()))).isFalse();
    }

    @Test
    void sameIdentityHoldsForEntriesDifferingOnlyInAddressAndTime() {
        Entry original = entry("k");
        Entry rewritten = new Entry("data/elsewhere", original.size(), original.etag(), original.checksums(), original.contentType(),
                original.userMetadata(), original.tags(), Instant.ofEpochMilli(99_999));
        Range left = Range.builder().add("k", original).build();
        Range right = Range.builder().add("a", entry("a")).add("k", rewritten).build();

        assertThat(original.sameContent(rewritten)).isTrue();
        assertThat(left.sameIdentity(0, right, 1)).isTrue();
        assertThat(left.id()).isNotEqualTo(Range.builder().add("k", rewritten).build().id());
    }

    @Test
    void sameIdentityFailsForEntriesWithDifferentContent() {
        Entry original = entry("k");
        Entry otherEtag = new Entry(original.address(), original.size(), "another-etag", original.checksums(), original.contentType(),
                original.userMetadata(), original.tags(), original.lastModified());
        Range left = Range.builder().add("k", original).build();
        Range right = Range.builder().add("k", otherEtag).build();

        assertThat(original.sameContent(otherEtag)).isFalse();
        assertThat(left.sameIdentity(0, right, 0)).isFalse();
    }

    @Test
    void infoGivesMinAndMaxKeysCountAndEncodedBytes() {
        Range range = rangeOf(KEYS);
        long bytes = 0;
        for (String key : KEYS) {
            bytes += 8 + key.getBytes(StandardCharsets.UTF_8).length + EntryCodec.encode(entry(key)).length;
        }

        RangeInfo info = range.info();

        assertThat(info).isEqualTo(new RangeInfo(range.id(), "a", "z", KEYS.size(), bytes));
        assertThat(range.encodedBytes()).isEqualTo(bytes);
    }

    @Test
    void infoOfASingleRecordRangeHasEqualMinAndMax() {
        RangeInfo info = rangeOf(List.of("data/😀")).info();

        assertThat(info.minKey()).isEqualTo("data/😀");
        assertThat(info.maxKey()).isEqualTo("data/😀");
        assertThat(info.count()).isEqualTo(1);
    }
}
