package io.tarn.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A zero-copy import: the sources become one commit on a branch, their objects staying where they
 * are (entries keep their absolute addresses, which garbage collection never deletes).
 *
 * @param commit the import commit's message, committer and metadata ({@code allowEmpty} is ignored:
 *     an import that finds no object is refused)
 */
public record ImportRequest(List<ImportSource> sources, CommitRequest commit) {
    public ImportRequest {
        sources = List.copyOf(sources);
        Objects.requireNonNull(commit, "commit");
        if (sources.isEmpty()) {
            throw new InvalidArgumentException("import paths", "[]", "give at least one object or prefix to import");
        }
    }

    /** One prefix, with a message. */
    public static ImportRequest prefix(String location, String destination, String message, String committer) {
        return new ImportRequest(List.of(new ImportSource(location, destination, true)), new CommitRequest(message, committer, Map.of(), false));
    }
}
