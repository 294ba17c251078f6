package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
    private static final String PRIVATE_USE = "\uE000";
    private static final String REPLACEMENT_CHARACTER = "\uFFFD";
    private static final String LAST_BMP = "\uFFFF";
    private static final String EMOJI = "😀"; // U+1F600, a surrogate pair in UTF-16
    private static final String CLEF = "𝄞"; // U+1D11E

    @Test
    void asciiKeysSortByTheirBytes() {
        assertThat(KeyOrder.compare("a/b", "a/c")).isNegative();
        assertThat(KeyOrder.compare("B", "a")).isNegative();
        assertThat(KeyOrder.compare("a/", "a0")).isNegative();
    }

    @Test
    void aCharacterAboveUffffSortsAfterPrivateUseCharacters() {
        assertThat(EMOJI.compareTo(PRIVATE_USE)).as("UTF-16 order puts the surrogate pair first").isNegative();

        assertThat(KeyOrder.compare(EMOJI, PRIVATE_USE)).isPositive();
        assertThat(KeyOrder.compare(PRIVATE_USE, EMOJI)).isNegative();
    }

    @Test
    void aCharacterAboveUffffSortsAfterUffff() {
        assertThat(KeyOrder.compare("x" + CLEF, "x" + LAST_BMP)).isPositive();
        assertThat(KeyOrder.compare("x" + LAST_BMP, "x" + CLEF)).isNegative();
        assertThat(KeyOrder.compare(REPLACEMENT_CHARACTER, EMOJI)).isNegative();
    }

    @Test
    void charactersAboveUffffSortByCodePoint() {
        assertThat(KeyOrder.compare(CLEF, EMOJI)).isNegative();
        assertThat(KeyOrder.compare(EMOJI, CLEF)).isPositive();
        assertThat(KeyOrder.compare("\uD83D\uDE00", "\uD83D\uDE01")).isNegative();
    }

    @Test
    void aCharacterBelowTheSurrogatesSortsBeforeACharacterAboveUffff() {
        assertThat(KeyOrder.compare("\uD7FF", EMOJI)).isNegative();
        assertThat(KeyOrder.compare("日", EMOJI)).isNegative();
        assertThat(KeyOrder.compare(EMOJI, "日")).isPositive();
    }

    @Test
    void aPrefixSortsBeforeTheKeysThatExtendIt() {
        assertThat(KeyOrder.compare("data", "data/")).isNegative();
        assertThat(KeyOrder.compare("data/", "data")).isPositive();
        assertThat(KeyOrder.compare("", "a")).isNegative();
        assertThat(KeyOrder.compare("a" + EMOJI, "a" + EMOJI + "\u0000")).isNegative();
    }

    @Test
    void equalKeysCompareAsZero() {
        assertThat(KeyOrder.compare("", "")).isZero();
        assertThat(KeyOrder.compare("data/日本語/" + EMOJI, new String("data/日本語/" + EMOJI))).isZero();
    }

    @Test
    void comparatorSortsLikeTheUtf8Bytes() {
        List<String> keys = new ArrayList<>(List.of(EMOJI, PRIVATE_USE, "z", LAST_BMP, "", CLEF, "日本", "a", "a/"));

        keys.sort(KeyOrder.COMPARATOR);

        assertThat(keys).containsExactly("", "a", "a/", "z", "日本", PRIVATE_USE, LAST_BMP, CLEF, EMOJI);
    }

    @Test
    void agreesWithUnsignedUtf8ByteOrderOnRandomKeys() {
        Random random = new Random(20260301L);
        List<String> disagreements = new ArrayList<>();
        int stringOrderDisagreements = 0;
        for (int n = 0; n < 5000; n++) {
            String a = randomKey(random);
            String b = random.nextInt(8) == 0 ? a + randomKey(random) : randomKey(random);
            int expected = Integer.signum(Arrays.compareUnsigned(utf8(a), utf8(b)));
            if (Integer.signum(KeyOrder.compare(a, b)) != expected) {
                disagreements.add(escape(a) + " vs " + escape(b));
            }
            if (Integer.signum(a.compareTo(b)) != expected) {
                stringOrderDisagreements++;
            }
        }

        assertThat(disagreements).isEmpty();
        assertThat(stringOrderDisagreements).as("the sample exercises the cases where UTF-16 order differs").isPositive();
    }

    @Test
    void sortingRandomKeysGivesTheUtf8ByteOrder() {
        Random random = new Random(7L);
        List<String> keys = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            keys.add(randomKey(random));
        }
        List<String> byBytes = new ArrayList<>(keys);
        byBytes.sort(Comparator.comparing(KeyOrderTest::utf8, Arrays::compareUnsigned));

        keys.sort(KeyOrder.COMPARATOR);

        assertThat(keys).isEqualTo(byBytes);
    }

    /** Up to six code points from ASCII, the BMP below the surrogates, U+E000..U+FFFF and above U+FFFF. */
    private static String randomKey(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(7);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 'a' + random.nextInt(4);
                case 1 -> 0x80 + random.nextInt(0xD800 - 0x80);
                case 2 -> 0xE000 + random.nextInt(0x10000 - 0xE000);
                default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
            };
            sb.appendCodePoint(codePoint);
        }
        return sb.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> sb.append(cp < 0x80 ? Character.toString(cp) : String.format("\\u{%X}", cp)));
        return sb.append('"').toString();
    }
}
