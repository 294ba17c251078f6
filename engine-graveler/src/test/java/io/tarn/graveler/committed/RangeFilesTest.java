package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.api.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeFilesTest {
    @TempDir
    Path dir;

    /** Records in key order, whatever order they were given in. */
    static Range range(Map<String, Entry> records) {
        TreeMap<String, Entry> sorted = new TreeMap<>(KeyOrder.COMPARATOR);
        sorted.putAll(records);
        Range.Builder builder = Range.builder();
        sorted.forEach(builder::add);
        return builder.build();
    }

    static Entry entry(String address, long size) {
        return new Entry(address, size, "d41d8cd98f00b204e9800998ecf8427e", Map.of(), "application/octet-stream",
                Map.of(), Map.of(), Instant.parse("2026-03-01T12:00:00.123Z"));
    }

    /** Every field set, with unicode (also above U+FFFF) in keys, values and map entries. */
    static Range rangeWithEveryField() {
        return range(Map.of(
                "data/year=2026/part-000123.parquet", new Entry("data/01JQ8Z6V3K9X2M4N7P5R8T1W3Y", 123_456_789L,
                        "0cc175b9c0f1b6a831c399e269772661-12",
                        Map.of("CRC32C", "yZRlqg==", "SHA256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
                        "application/vnd.apache.parquet",
                        Map.of("owner", "etl", "note", "héllo wörld ✓ 😀", "empty", ""),
                        Map.of("env", "prod", "team", "data", "cost-centre", "42"),
                        Instant.parse("2026-01-02T03:04:05.678Z")),
                "data/日本語/ファイル.txt", new Entry("s3://imported-bucket/日本語/ファイル.txt", 0L,
                        "d41d8cd98f00b204e9800998ecf8427e", Map.of(), "text/plain; charset=utf-8",
                        Map.of(), Map.of("lang", "日本語"), Instant.parse("1969-12-31T23:59:59.999Z")),
                "data/\uE000private-use", entry("data/01JQ8Z6V3K9X2M4N7P5R8T1W40", Long.MAX_VALUE),
                "data/😀/emoji-𝄞.bin", new Entry("data/01JQ8Z6V3K9X2M4N7P5R8T1W41", 5L * 1024 * 1024 * 1024 * 1024,
                        "9e107d9d372bb6826bd81d3542a419d6-10000", Map.of("CRC64NVME", "AAAAAAAAAAA="),
                        "application/octet-stream", Map.of("𝄞", "clef"), Map.of(),
                        Instant.ofEpochMilli(4_102_444_800_000L)),
                "a", entry("data/01JQ8Z6V3K9X2M4N7P5R8T1W42", 1L)));
    }

    /** Many records with long keys and addresses, so that a file holds several pages and row groups. */
    static Range largeRange(int records) {
        Range.Builder builder = Range.builder();
        String padding = "/" + "x".repeat(80) + "/";
        for (int i = 0; i < records; i++) {
            String number = Integer.toString(10_000_000 + i);
            Map<String, String> checksums = i % 7 == 0 ? Map.of("CRC32C", Integer.toHexString(i)) : Map.of();
            builder.add("data/year=2026" + padding + "part-" + number + ".parquet", new Entry(
                    "data/01JQ8Z6V3K9X2M4N7P" + number + padding, i * 1_000L, "0123456789abcdef0123456789" + number.substring(2),
                    checksums, "application/octet-stream", Map.of(), Map.of(), Instant.ofEpochMilli(1_767_225_600_000L + i)));
        }
        return builder.build();
    }

    /** Field by field, then by id. */
    static void assertSameRecords(Range actual, Range expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.key(i)).isEqualTo(expected.key(i));
            assertThat(actual.entry(i)).isEqualTo(expected.entry(i));
            assertThat(actual.identity(i)).isEqualTo(expected.identity(i));
        }
        assertThat(actual.id()).isEqualTo(expected.id());
    }

    /** The same check without decoding, for large ranges: keys, encodings and identities. */
    static void assertSameEncodedRecords(Range actual, Range expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!actual.key(i).equals(expected.key(i)) || !Arrays.equals(actual.encodedEntry(i), expected.encodedEntry(i))
                    || !actual.sameIdentity(i, expected, i)) {
                differing.add(i);
            }
        }
        assertThat(differing).as("records that differ").isEmpty();
        assertThat(actual.id()).isEqualTo(expected.id());
    }

    @Test
    void rangeRoundTripsEveryFieldOfEveryRecord() {
        Range range = rangeWithEveryField();
        Path file = dir.resolve("range.parquet");

        RangeFiles.write(range, file);
        Range read = RangeFiles.read(file);

        assertSameRecords(read, range);
        int emoji = read.indexOf("data/😀/emoji-𝄞.bin");
        assertThat(read.entry(emoji).size()).isEqualTo(5L * 1024 * 1024 * 1024 * 1024);
        assertThat(read.entry(emoji).userMetadata()).containsEntry("𝄞", "clef");
        assertThat(read.entry(read.indexOf("data/日本語/ファイル.txt")).size()).isZero();
        assertThat(read.entry(read.indexOf("data/\uE000private-use")).size()).isEqualTo(Long.MAX_VALUE);
        assertThat(read.entry(read.indexOf("data/year=2026/part-000123.parquet")).userMetadata())
                .containsEntry("note", "héllo wörld ✓ 😀").containsEntry("empty", "").hasSize(3);
    }

    @Test
    void recordsAreInKeyOrderWhereKeysAboveUffffSortAfterPrivateUseCharacters() {
        Range read = writeAndRead(rangeWithEveryField());

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            keys.add(read.key(i));
        }
        assertThat(keys).containsExactly("a", "data/year=2026/part-000123.parquet", "data/日本語/ファイル.txt",
                "data/\uE000private-use", "data/😀/emoji-𝄞.bin");
    }

    @Test
    void largeRangeSpansSeveralPagesAndRoundTrips() throws IOException {
        // More records than parquet's page row limit (20,000), with keys long enough to fill 1 MiB pages.
        Range range = largeRange(21_000);
        Path file = dir.resolve("large.parquet");

        RangeFiles.write(range, file);

        try (ParquetFileReader reader = openParquet(file)) {
            ColumnChunkMetaData keys = reader.getFooter().getBlocks().get(0).getColumns().get(RangeFileFormat.KEY);
            assertThat(reader.readOffsetIndex(keys).getPageCount()).isGreaterThan(1);
        }
        assertSameEncodedRecords(RangeFiles.read(file), range);
    }

    @Test
    void rangeSpansSeveralRowGroupsWhenTheyAreSmallAndRoundTrips() throws IOException {
        Range range = largeRange(5_000);
        Path file = dir.resolve("large.parquet");

        RangeFiles.write(range, file, CommittedFileSettings.RANGE.withRowGroupBytes(64 << 10));

        try (ParquetFileReader reader = openParquet(file)) {
            assertThat(reader.getFooter().getBlocks()).hasSizeGreaterThan(2);
        }
        assertSameEncodedRecords(RangeFiles.read(file), range);
    }

    @Test
    void fileIsTypedAndItsFooterNamesTheFormatAndTheRangeId() throws IOException {
        Range range = rangeWithEveryField();
        Path file = dir.resolve("range.parquet");
        RangeFiles.write(range, file);

        try (ParquetFileReader reader = openParquet(file)) {
            assertThat(reader.getFooter().getFileMetaData().getSchema()).isEqualTo(RangeFileFormat.RANGE_SCHEMA);
            assertThat(reader.getFooter().getFileMetaData().getKeyValueMetaData())
                    .containsEntry("tarn.format", "range")
                    .containsEntry("tarn.version", "1")
                    .containsEntry("tarn.range.id", range.id());
        }
    }

    @Test
    void metaRangeRoundTrips() {
        MetaRange metaRange = MetaRange.of(List.of(
                new RangeInfo("a".repeat(64), "data/a", "data/m", 20_000, 3_000_000),
                new RangeInfo("b".repeat(64), "data/n", "data/日本語", 1, 120),
                new RangeInfo("c".repeat(64), "data/😀", "data/😀z", 19_999, Long.MAX_VALUE)));
        Path file = dir.resolve("metarange.parquet");

        RangeFiles.writeMetaRange(metaRange, file);
        MetaRange read = RangeFiles.readMetaRange(file);

        assertThat(read).isEqualTo(metaRange);
        assertThat(read.id()).isEqualTo(metaRange.id());
    }

    @Test
    void emptyMetaRangeRoundTrips() {
        Path file = dir.resolve("empty.parquet");

        RangeFiles.writeMetaRange(MetaRange.empty(), file);

        assertThat(RangeFiles.readMetaRange(file)).isEqualTo(MetaRange.empty());
    }

    @Test
    void writingReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("range.parquet");
        RangeFiles.write(rangeWithEveryField(), file);
        Range second = largeRange(10);

        RangeFiles.write(second, file);

        assertSameRecords(RangeFiles.read(file), second);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void truncatedFileFailsNamingTheFile() throws IOException {
        Path file = dir.resolve("truncated.parquet");
        RangeFiles.write(largeRange(100), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> RangeFiles.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot read range file " + file)
                .hasMessageContaining("truncated");
    }

    @Test
    void fileThatIsNotParquetFailsNamingTheFile() throws IOException {
        Path file = dir.resolve("not-parquet.parquet");
        Files.writeString(file, "this is not a parquet file, just some text long enough to have a tail");

        assertThatThrownBy(() -> RangeFiles.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot read range file " + file);
    }

    @Test
    void missingFileFailsNamingTheFile() {
        Path file = dir.resolve("missing.parquet");

        assertThatThrownBy(() -> RangeFiles.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Cannot read range file " + file + ": it does not exist");
    }

    @Test
    void metaRangeFileReadAsARangeFailsNamingTheFileAndItsFormat() {
        Path file = dir.resolve("metarange.parquet");
        RangeFiles.writeMetaRange(MetaRange.of(List.of(new RangeInfo("a".repeat(64), "a", "b", 2, 10))), file);

        assertThatThrownBy(() -> RangeFiles.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid range file " + file + ": its footer says tarn.format=metarange");
    }

    @Test
    void rangeFileReadAsAMetaRangeFailsNamingTheFileAndItsFormat() {
        Path file = dir.resolve("range.parquet");
        RangeFiles.write(rangeWithEveryField(), file);

        assertThatThrownBy(() -> RangeFiles.readMetaRange(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid metarange file " + file + ": its footer says tarn.format=range");
    }

    @Test
    void recordsThatDoNotHashToTheFooterIdFailNamingBothIds() throws IOException {
        Range range = rangeWithEveryField();
        Path file = dir.resolve("range.parquet");
        RangeFiles.write(range, file);
        String otherId = "0".repeat(64);
        replaceBytes(file, range.id(), otherId);

        assertThatThrownBy(() -> RangeFiles.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Cannot read range file " + file + ": it is corrupt: its records hash to range id "
                        + range.id() + ", and its footer names " + otherId);
    }

    @Test
    void flippedBitInAnIdentityFailsTheReadThoughTheRangeIdDoesNotCoverIdentities() throws IOException {
        Range range = largeRange(1_000);
        Path file = dir.resolve("range.parquet");
        // Uncompressed, so that the identity's bytes are in the file as they are.
        RangeFiles.write(range, file, CommittedFileSettings.RANGE.withCodec(CompressionCodecName.UNCOMPRESSED, Set.of()));
        byte[] bytes = Files.readAllBytes(file);
        int identity = indexOf(bytes, range.identity(500));
        assertThat(identity).isPositive();
        bytes[identity + 7] ^= 1;
        Files.write(file, bytes);

        assertThatThrownBy(() -> RangeFiles.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot read range file " + file + ": it is corrupt");
    }

    @Test
    void writingIntoAMissingDirectoryFailsNamingTheFile() {
        Path file = dir.resolve("missing").resolve("range.parquet");

        assertThatThrownBy(() -> RangeFiles.write(rangeWithEveryField(), file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot write range file " + file + ": ");
    }

    private Range writeAndRead(Range range) {
        Path file = dir.resolve("range-" + range.id() + ".parquet");
        RangeFiles.write(range, file);
        return RangeFiles.read(file);
    }

    private static ParquetFileReader openParquet(Path file) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(new ParquetCodecs()).build());
    }

    private static void replaceBytes(Path file, String from, String to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] needle = from.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, needle);
        assertThat(at).as("position of %s in %s", from, file).isNotNegative();
        System.arraycopy(to.getBytes(StandardCharsets.US_ASCII), 0, bytes, at, needle.length);
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
