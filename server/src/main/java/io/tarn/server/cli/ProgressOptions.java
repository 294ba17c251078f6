package io.tarn.server.cli;

import picocli.CommandLine.Option;

/** {@code --progress} / {@code --no-progress}: whether transfers draw a progress bar on stderr. */
final class ProgressOptions {
    @Option(names = "--progress", negatable = true,
            description = "Draw a progress bar on stderr for large files and recursive operations (default: only when stderr is a terminal).")
    Boolean progress;

    /** Whether to draw a bar for a transfer of {@code bytes}, or for a recursive operation. */
    boolean wanted(long bytes, boolean recursive) {
        if (!Progress.wanted(progress)) {
            return false;
        }
        return Boolean.TRUE.equals(progress) || recursive || bytes >= Progress.LARGE;
    }
}
