package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.Entry;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryCodecTest {
    /** Every field set, with unicode (also above U+FFFF) in strings and map entries. */
    private static Entry everyField() {
        return new Entry("data/01JQ8Z6V3K9X2M4N7P5R8T1W3Y/日本語-😀", 123_456_789L, "0cc175b9c0f1b6a831c399e269772661-12",
                Map.of("CRC32C", "yZRlqg==", "SHA256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
                "text/plain; charset=utf-8", Map.of("owner", "etl", "note", "héllo wörld ✓ 😀", "𝄞", "clef", "empty", ""),
                Map.of("env", "prod", "lang", "日本語"), Instant.parse("2026-01-02T03:04:05.678Z"));
    }

    private static Entry minimal(long size) {
        return new Entry("a", size, "", Map.of(), "", Map.of(), Map.of(), Instant.EPOCH);
    }

    @Test
    void entryWithEveryFieldRoundTrips() {
        Entry entry = everyField();

        assertThat(EntryCodec.decode(EntryCodec.encode(entry))).isEqualTo(entry);
    }

    @Test
    void entryWithZeroSizeAndEmptyStringsAndMapsRoundTrips() {
        Entry entry = minimal(0);

        assertThat(EntryCodec.decode(EntryCodec.encode(entry))).isEqualTo(entry);
    }

    @Test
    void entryWithTheLargestSizeRoundTrips() {
        Entry entry = minimal(Long.MAX_VALUE);

        assertThat(EntryCodec.decode(EntryCodec.encode(entry)).size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void lastModifiedBeforeTheEpochRoundTrips() {
        Entry entry = new Entry("a", 1, "e", Map.of(), "t", Map.of(), Map.of(), Instant.parse("1969-12-31T23:59:59.999Z"));

        assertThat(EntryCodec.decode(EntryCodec.encode(entry)).lastModified()).isEqualTo(entry.lastModified());
    }

    @Test
    void encodingStartsWithTheVersionByte() {
        assertThat(EntryCodec.encode(everyField())[0]).isEqualTo(EntryCodec.VERSION);
    }

    @Test
    void equalEntriesWithMapsBuiltInDifferentOrdersEncodeToEqualBytes() {
        Map<String, String> forward = new LinkedHashMap<>();
        Map<String, String> backward = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            forward.put("key-" + i, "value-" + i);
            backward.put("key-" + (19 - i), "value-" + (19 - i));
        }
        Entry a = new Entry("a", 1, "e", forward, "t", forward, forward, Instant.EPOCH);
        Entry b = new Entry("a", 1, "e", backward, "t", backward, backward, Instant.EPOCH);

        assertThat(EntryCodec.encode(a)).isEqualTo(EntryCodec.encode(b));
    }

    @Test
    void entriesDifferingInOneFieldEncodeToDifferentBytes() {
        Entry entry = everyField();
        Entry otherTags = new Entry(entry.address(), entry.size(), entry.etag(), entry.checksums(), entry.contentType(),
                entry.userMetadata(), Map.of("env", "dev", "lang", "日本語"), entry.lastModified());

        assertThat(EntryCodec.encode(otherTags)).isNotEqualTo(EntryCodec.encode(entry));
    }

    @Test
    void everyTruncationFailsNamingTheTruncation() {
        byte[] bytes = EntryCodec.encode(everyField());

        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> EntryCodec.decode(truncated))
                    .as("truncated to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Invalid encoding")
                    .hasMessageContaining("ends after " + length + " bytes");
        }
    }

    @Test
    void trailingBytesFailNamingHowMany() {
        byte[] bytes = EntryCodec.encode(everyField());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> EntryCodec.decode(longer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 unexpected trailing bytes");
    }

    @Test
    void wrongVersionByteFailsNamingTheVersion() {
        byte[] bytes = EntryCodec.encode(everyField());
        bytes[0] = 2;

        assertThatThrownBy(() -> EntryCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid entry encoding version 2")
                .hasMessageContaining("version 1");
    }

    @Test
    void negativeMapCountFailsNamingTheCount() {
        // version, address "a", size, etag "", then a checksum count of -1
        EntryCodec.ByteSink sink = new EntryCodec.ByteSink(32);
        sink.writeByte(EntryCodec.VERSION);
        sink.writeString("a");
        sink.writeLong(1);
        sink.writeString("");
        sink.writeInt(-1);

        assertThatThrownBy(() -> EntryCodec.decode(sink.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a map of -1 pairs");
    }

    @Test
    void stringLengthBeyondTheRemainingBytesFailsAsATruncation() {
        EntryCodec.ByteSink sink = new EntryCodec.ByteSink(32);
        sink.writeByte(EntryCodec.VERSION);
        sink.writeInt(1000);
        sink.writeRaw(new byte[] {'a', 'b'}, 0, 2);
        byte[] bytes = sink.toByteArray();

        assertThatThrownBy(() -> EntryCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends after " + bytes.length + " bytes");
    }

    @Test
    void stringLengthNearIntegerMaxFailsAsATruncation() {
        // A corrupt length prefix whose end offset overflows an int must still be caught as truncation.
        EntryCodec.ByteSink sink = new EntryCodec.ByteSink(32);
        sink.writeByte(EntryCodec.VERSION);
        sink.writeInt(Integer.MAX_VALUE);
        sink.writeRaw(new byte[] {'a', 'b'}, 0, 2);
        byte[] bytes = sink.toByteArray();

        assertThatThrownBy(() -> EntryCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends after " + bytes.length + " bytes");
    }

    @Test
    void bytesEncodingANegativeSizeFailWithIllegalArgumentException() {
        // decode promises IllegalArgumentException for any bytes that are not a valid encoding.
        byte[] bytes = EntryCodec.encode(minimal(1));
        int sizeOffset = 1 + 4 + 1; // version, address length, address "a"
        bytes[sizeOffset] = (byte) 0x80;

        assertThatThrownBy(() -> EntryCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size");
    }
}
