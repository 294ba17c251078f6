package io.tarn.graveler.committed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one committed file (a range or a metarange) with Tarn's Parquet settings and no Hadoop:
 * a {@link PlainParquetConfiguration}, the pure-Java {@link ParquetCodecs} and a local file, encoded
 * as {@link CommittedFileSettings} say.
 *
 * <p>The file appears whole or not at all: rows go to a hidden temporary file next to it, which
 * then replaces it in one atomic rename. A reader never sees a half-written range, and two writers of
 * the same content-addressed file do not corrupt each other. Thread-safe (stateless).
 */
final class CommittedFileWriter {

    /** Writes the rows of one file. */
    @FunctionalInterface
    interface Rows<T> {
        void writeTo(ParquetWriter<T> writer) throws IOException;
    }

    private CommittedFileWriter() {
    }

    /**
     * Writes {@code file}, replacing it if it exists. Its directory must exist.
     *
     * @param kind what the file holds, for messages ({@code range}, {@code metarange})
     * @throws UncheckedIOException when the file cannot be written; it is then left as it was
     */
    static <T> void write(Path file, String kind, WriteSupport<T> support, CommittedFileSettings settings, Rows<T> rows) {
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path temporary = file.resolveSibling("." + file.getFileName() + "." + suffix + ".tmp");
        try {
            try (ParquetWriter<T> writer = writer(new LocalOutputFile(temporary), support, settings)) {
                rows.writeTo(writer);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary, e);
            Path directory = file.toAbsolutePath().getParent();
            throw new UncheckedIOException("Cannot write " + kind + " file " + file + ": "
                    + (directory != null && !Files.isDirectory(directory) ? "its directory does not exist" : e.toString()), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temporary, e);
            throw e;
        }
    }

    private static <T> ParquetWriter<T> writer(OutputFile out, WriteSupport<T> support, CommittedFileSettings settings) throws IOException {
        Builder<T> builder = new Builder<>(out, support)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCodecFactory(new ParquetCodecs())
                .withCompressionCodec(settings.codec())
                .withRowGroupSize(settings.rowGroupBytes())
                .withDictionaryEncoding(false)
                .withStatisticsEnabled(false);
        for (String column : settings.dictionaryColumns()) {
            builder = builder.withDictionaryEncoding(column, true);
        }
        for (String column : settings.uncompressedColumns()) {
            builder = builder.withCompressionCodec(column, CompressionCodecName.UNCOMPRESSED);
        }
        for (String column : settings.statisticsColumns()) {
            builder = builder.withStatisticsEnabled(column, true);
        }
        return builder.build();
    }

    private static void deleteQuietly(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> support;

        Builder(OutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration configuration) {
            return support;
        }

        /** Abstract and deprecated in parquet; Tarn never passes a Hadoop configuration (docs/adr/0001). */
        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<T> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return support;
        }
    }
}
