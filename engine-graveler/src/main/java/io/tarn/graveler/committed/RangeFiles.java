package io.tarn.graveler.committed;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes range and metarange files: Parquet files with typed columns
 * ({@link RangeFileFormat}), so that DuckDB, pyarrow or Spark can query a commit directly.
 *
 * <p>A range file holds one row per record in key order, and its footer names the format
 * ({@code tarn.format=range}, {@code tarn.version=1}) and the range id ({@code tarn.range.id}). A
 * metarange file holds one row per range, and its footer names {@code tarn.format=metarange} and the
 * metarange id. Reading recomputes the id from the content and fails when it differs from the
 * footer's, so a file that does not hold what its name promises is never used.
 *
 * <p>Writing replaces the file atomically (see {@link CommittedFileWriter}). Files are
 * SNAPPY-compressed and plain-encoded, tuned for write speed: see {@link CommittedFileSettings}.
 *
 * <p><b>Errors.</b> A file that cannot be read or written, is truncated, is not Parquet, or whose
 * content does not match its id fails with {@link UncheckedIOException}; a Parquet file of another
 * kind or format version with {@link IllegalArgumentException}. Both messages name the file.
 *
 * <p>Thread-safe: calls share nothing.
 */
public final class RangeFiles {
    private RangeFiles() {
    }

    /** Writes the range to {@code file}, replacing it. The directory must exist. */
    public static void write(Range range, Path file) {
        write(range, file, CommittedFileSettings.RANGE);
    }

    static void write(Range range, Path file, CommittedFileSettings settings) {
        CommittedFileWriter.write(file, RangeFileFormat.RANGE, new RangeWriteSupport(range), settings, writer -> {
            for (int i = 0; i < range.size(); i++) {
                writer.write(i);
            }
        });
    }

    /** Reads a range file written by {@link #write}, checking its records against its id. */
    public static Range read(Path file) {
        RangeReadSupport support = new RangeReadSupport();
        Range.Builder records = CommittedFileReader.read(file, RangeFileFormat.RANGE, support);
        if (records.isEmpty()) {
            throw CommittedFileReader.corrupt(file, RangeFileFormat.RANGE, "it holds no records, and a range holds at least one", null);
        }
        Range range = records.build();
        if (!range.id().equals(support.footerId())) {
            throw CommittedFileReader.corrupt(file, RangeFileFormat.RANGE, "it is corrupt: its records hash to range id "
                    + range.id() + ", and its footer names " + support.footerId(), null);
        }
        return range;
    }

    /** Writes the metarange to {@code file}, replacing it. The directory must exist. */
    public static void writeMetaRange(MetaRange metaRange, Path file) {
        CommittedFileWriter.write(file, RangeFileFormat.METARANGE, new MetaRangeWriteSupport(metaRange),
                CommittedFileSettings.METARANGE, writer -> {
                    for (RangeInfo range : metaRange.ranges()) {
                        writer.write(range);
                    }
                });
    }

    /** Reads a metarange file written by {@link #writeMetaRange}, checking its ranges against its id. */
    public static MetaRange readMetaRange(Path file) {
        MetaRangeReadSupport support = new MetaRangeReadSupport();
        List<RangeInfo> ranges = CommittedFileReader.read(file, RangeFileFormat.METARANGE, support);
        MetaRange metaRange;
        try {
            metaRange = MetaRange.of(ranges);
        } catch (IllegalArgumentException e) {
            throw CommittedFileReader.corrupt(file, RangeFileFormat.METARANGE, "it is corrupt: " + e.getMessage(), e);
        }
        if (!metaRange.id().equals(support.footerId())) {
            throw CommittedFileReader.corrupt(file, RangeFileFormat.METARANGE, "it is corrupt: its ranges hash to metarange id "
                    + metaRange.id() + ", and its footer names " + support.footerId(), null);
        }
        return metaRange;
    }
}
