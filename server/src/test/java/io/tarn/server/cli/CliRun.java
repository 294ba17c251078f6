package io.tarn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** What a {@code tarn} command did: its exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Asserts success (showing stderr if not) and returns itself. */
    CliRun ok() {
        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        return this;
    }

    /** stdout as the one JSON document {@code --json} promises. */
    JsonNode json() {
        try {
            return MAPPER.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n" + out, e);
        }
    }
}
