package io.tarn.graveler.committed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads one committed file (a range or a metarange) with no Hadoop: parquet's
 * {@link ParquetFileReader} row group by row group, the pure-Java {@link ParquetCodecs}, and a
 * {@link ReadSupport} that accumulates the rows. {@code ParquetReader} is not used because building
 * it needs a Hadoop configuration.
 *
 * <p>Page checksums (which parquet writes by default) are verified, so a flipped bit in any column,
 * including those a range id does not cover such as the identities, fails the read. Thread-safe
 * (stateless).
 */
final class CommittedFileReader {

    private CommittedFileReader() {
    }

    /**
     * Reads every row of {@code file} through {@code support}.
     *
     * @param kind what the file must hold: the value of its {@link RangeFileFormat#FORMAT_KEY}
     * @return the materializer's record after the last row (the accumulated rows)
     * @throws IllegalArgumentException when the file is another kind of file or another format version
     * @throws UncheckedIOException when it cannot be read, is not a Parquet file, is truncated or corrupt
     */
    static <T> T read(Path file, String kind, ReadSupport<T> support) {
        ParquetConfiguration configuration = new PlainParquetConfiguration();
        ParquetReadOptions options = ParquetReadOptions.builder(configuration)
                .withCodecFactory(new ParquetCodecs())
                .usePageChecksumVerification(true)
                .build();
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(new NamedInputFile(file), options);
        } catch (IOException e) {
            throw Files.exists(file) ? unreadable(file, kind, e) : new UncheckedIOException(
                    "Cannot read " + kind + " file " + file + ": it does not exist", e);
        } catch (RuntimeException e) {
            throw corrupt(file, kind, "it is truncated or not a Parquet file (" + e.getMessage() + ")", e);
        }
        try (reader) {
            FileMetaData metadata = reader.getFooter().getFileMetaData();
            Map<String, String> footer = metadata.getKeyValueMetaData();
            requireKind(file, kind, footer);
            try {
                return readRows(reader, metadata, footer, configuration, support);
            } catch (RuntimeException e) {
                throw corrupt(file, kind, "it is corrupt (" + e.getMessage() + ")", e);
            }
        } catch (IOException e) {
            throw unreadable(file, kind, e);
        }
    }

    private static <T> T readRows(ParquetFileReader reader, FileMetaData metadata, Map<String, String> footer,
            ParquetConfiguration configuration, ReadSupport<T> support) throws IOException {
        MessageType fileSchema = metadata.getSchema();
        Map<String, Set<String>> footerSets = new HashMap<>();
        footer.forEach((k, v) -> footerSets.put(k, Set.of(v)));
        ReadSupport.ReadContext context = support.init(new InitContext(configuration, footerSets, fileSchema));
        MessageType requested = context.getRequestedSchema();
        reader.setRequestedSchema(requested);
        MessageColumnIO columns = new ColumnIOFactory(metadata.getCreatedBy()).getColumnIO(requested, fileSchema, true);
        RecordMaterializer<T> materializer = support.prepareForRead(configuration, footer, fileSchema, context);
        for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
            RecordReader<T> rows = columns.getRecordReader(rowGroup, materializer);
            for (long row = rowGroup.getRowCount(); row > 0; row--) {
                rows.read();
            }
        }
        return materializer.getCurrentRecord();
    }

    private static void requireKind(Path file, String kind, Map<String, String> footer) {
        String actual = footer.get(RangeFileFormat.FORMAT_KEY);
        if (!kind.equals(actual)) {
            throw new IllegalArgumentException("Invalid " + kind + " file " + file + ": "
                    + (actual == null ? "its footer has no " + RangeFileFormat.FORMAT_KEY + ", so it is not a Tarn file"
                            : "its footer says " + RangeFileFormat.FORMAT_KEY + "=" + actual));
        }
        String version = footer.get(RangeFileFormat.VERSION_KEY);
        if (!RangeFileFormat.VERSION.equals(version)) {
            throw new IllegalArgumentException("Invalid " + kind + " file " + file + ": it is format version " + version
                    + ", and this Tarn reads version " + RangeFileFormat.VERSION);
        }
    }

    private static UncheckedIOException unreadable(Path file, String kind, IOException e) {
        return new UncheckedIOException("Cannot read " + kind + " file " + file + ": " + e, e);
    }

    /** A file whose bytes are not what Tarn wrote: {@code why} says what is wrong. */
    static UncheckedIOException corrupt(Path file, String kind, String why, Throwable cause) {
        String message = "Cannot read " + kind + " file " + file + ": " + why;
        return new UncheckedIOException(message, cause instanceof IOException io ? io : new IOException(message, cause));
    }

    /** Names the file in parquet's own messages (LocalInputFile has no toString). */
    private static final class NamedInputFile extends LocalInputFile {
        private final Path file;

        NamedInputFile(Path file) {
            super(file);
            this.file = file;
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }
}
