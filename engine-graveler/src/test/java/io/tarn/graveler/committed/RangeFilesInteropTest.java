package io.tarn.graveler.committed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.api.Entry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Range files are for other tools too: pyarrow and DuckDB read one with typed columns and the values
 * Tarn wrote (src/test/resources/range_file_interop.py). Skipped when python3 lacks pyarrow or duckdb;
 * CI installs them (.ci/run).
 */
class RangeFilesInteropTest {
    private static final String KEY = "data/year=2026/日本語/part-000123-😀.parquet";
    private static final Entry ENTRY = new Entry("data/01JQ8Z6V3K9X2M4N7P5R8T1W3Y", 123_456_789_012L,
            "0cc175b9c0f1b6a831c399e269772661-12", Map.of("CRC32C", "yZRlqg==", "SHA256", "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="),
            "application/vnd.apache.parquet", Map.of("owner", "etl", "note", "héllo 𝄞"), Map.of("env", "prod"),
            Instant.parse("2026-01-02T03:04:05.678Z"));

    @TempDir
    Path dir;

    @BeforeAll
    static void requirePythonWithPyarrowAndDuckdb() throws InterruptedException {
        String problem;
        try {
            Process check = new ProcessBuilder("python3", "-c", "import pyarrow, duckdb").redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            problem = !check.waitFor(60, TimeUnit.SECONDS) ? "timed out importing them"
                    : check.exitValue() != 0 ? output : null;
        } catch (IOException e) {
            problem = "python3 does not run: " + e.getMessage();
        }
        Assumptions.assumeTrue(problem == null,
                "Skipped: needs python3 with pyarrow and duckdb (pip install pyarrow==26.0.1 duckdb==2.0.0): " + problem);
    }

    @Test
    void pyarrowAndDuckdbReadTypedColumnsAndTheValuesTarnWrote() throws Exception {
        Range range = Range.builder()
                .add("data/a.bin", new Entry("data/01JQ8Z6V3K9X2M4N7P5R8T1W3Z", 0, "d41d8cd98f00b204e9800998ecf8427e",
                        Map.of(), "application/octet-stream", Map.of(), Map.of(), Instant.ofEpochMilli(0)))
                .add(KEY, ENTRY)
                .build();
        Path file = dir.resolve("range.parquet");
        RangeFiles.write(range, file);

        JsonNode seen = readWithPython(file, KEY);

        JsonNode arrow = seen.get("pyarrow");
        assertThat(arrow.get("rows").asInt()).isEqualTo(2);
        assertThat(arrow.get("footer").get("tarn.format").asText()).isEqualTo("range");
        assertThat(arrow.get("footer").get("tarn.version").asText()).isEqualTo("1");
        assertThat(arrow.get("footer").get("tarn.range.id").asText()).isEqualTo(range.id());
        JsonNode arrowTypes = arrow.get("types");
        assertThat(arrowTypes.get("key").asText()).isEqualTo("string");
        assertThat(arrowTypes.get("identity").asText()).isEqualTo("fixed_size_binary[32]");
        assertThat(arrowTypes.get("size").asText()).isEqualTo("int64");
        assertThat(arrowTypes.get("last_modified").asText()).isEqualTo("timestamp[ms, tz=UTC]");
        for (String map : List.of("checksums", "user_metadata", "tags")) {
            assertThat(arrowTypes.get(map).asText()).startsWith("map<string, string");
        }
        assertRecord(arrow.get("record"));

        JsonNode duck = seen.get("duckdb");
        assertThat(duck.get("rows").asInt()).isEqualTo(2);
        JsonNode duckTypes = duck.get("types");
        assertThat(duckTypes.get("key").asText()).isEqualTo("VARCHAR");
        assertThat(duckTypes.get("identity").asText()).isEqualTo("BLOB");
        assertThat(duckTypes.get("size").asText()).isEqualTo("BIGINT");
        assertThat(duckTypes.get("last_modified").asText()).isEqualTo("TIMESTAMP WITH TIME ZONE");
        for (String map : List.of("checksums", "user_metadata", "tags")) {
            assertThat(duckTypes.get(map).asText()).isEqualTo("MAP(VARCHAR, VARCHAR)");
        }
        assertRecord(duck.get("record"));
    }

    private static void assertRecord(JsonNode record) {
        assertThat(record.get("key").asText()).isEqualTo(KEY);
        assertThat(record.get("identity").asText()).isEqualTo(ENTRY.identity());
        assertThat(record.get("address").asText()).isEqualTo(ENTRY.address());
        assertThat(record.get("size").asLong()).isEqualTo(ENTRY.size());
        assertThat(record.get("etag").asText()).isEqualTo(ENTRY.etag());
        assertThat(stringMap(record.get("checksums"))).isEqualTo(ENTRY.checksums());
        assertThat(record.get("content_type").asText()).isEqualTo(ENTRY.contentType());
        assertThat(stringMap(record.get("user_metadata"))).isEqualTo(ENTRY.userMetadata());
        assertThat(stringMap(record.get("tags"))).isEqualTo(ENTRY.tags());
        assertThat(record.get("last_modified").asLong()).isEqualTo(ENTRY.lastModified().toEpochMilli());
    }

    private static Map<String, String> stringMap(JsonNode object) {
        return new ObjectMapper().convertValue(object, new TypeReference<Map<String, String>>() {
        });
    }

    private static JsonNode readWithPython(Path file, String key) throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(RangeFilesInteropTest.class.getResource("/range_file_interop.py").toURI());
        // The key goes as hex: a non-ASCII argument could be mangled by the platform's default encoding.
        String keyHex = HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
        Process python = new ProcessBuilder("python3", script.toString(), file.toString(), keyHex)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] output = python.getInputStream().readAllBytes();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        assertThat(python.exitValue()).as("python's exit status (its error is on stderr)").isZero();
        return new ObjectMapper().readTree(output);
    }
}
