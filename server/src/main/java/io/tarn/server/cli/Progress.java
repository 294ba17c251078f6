package io.tarn.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place ({@code \r}) at most ten times a second: bytes
 * and, for recursive operations, files. A disabled one prints nothing, so pipes and logs stay clean.
 * Thread-safe: parallel transfers share one bar.
 */
final class Progress implements AutoCloseable {
    /** Single transfers smaller than this show no bar unless it is forced. */
    static final long LARGE = 8L << 20;
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private final long totalBytes;
    private final int totalFiles;
    private long bytes;
    private int files;
    private long lastDraw;
    private int lastLength;

    private Progress(PrintWriter err, boolean enabled, String label, long totalBytes, int totalFiles) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.totalBytes = totalBytes;
        this.totalFiles = totalFiles;
    }

    static Progress off() {
        return new Progress(null, false, "", 0, 0);
    }

    /** @param totalFiles the number of files of a recursive operation, or 0 for one transfer */
    static Progress start(PrintWriter err, boolean enabled, String label, long totalBytes, int totalFiles) {
        Progress p = new Progress(err, enabled, label, totalBytes, totalFiles);
        p.draw(true);
        return p;
    }

    /**
     * Whether to draw bars: {@code --progress} or {@code --no-progress} decide; otherwise only when
     * stderr is a terminal.
     */
    static boolean wanted(Boolean forced) {
        return forced != null ? forced : stderrIsTerminal();
    }

    /** On Linux, what file descriptor 2 points at; elsewhere, whether the JVM has a console. */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (java.io.IOException | SecurityException e) {
            // fall back below
        }
        return System.console() != null;
    }

    synchronized void bytes(long n) {
        bytes += n;
        draw(false);
    }

    synchronized void fileDone() {
        files++;
        draw(true);
    }

    @Override
    public synchronized void close() {
        if (enabled && lastLength > 0) {
            draw(true);
            err.print('\n');
            err.flush();
        }
    }

    private void draw(boolean now) {
        if (!enabled) {
            return;
        }
        long t = System.nanoTime();
        if (!now && t - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = t;
        StringBuilder line = new StringBuilder(label).append(' ');
        if (totalBytes > 0) {
            int filled = (int) Math.min(WIDTH, bytes * WIDTH / totalBytes);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", Math.min(100, bytes * 100 / totalBytes)));
        }
        if (totalBytes > 0 || totalFiles == 0) {
            line.append(size(bytes));
        }
        if (totalBytes > 0) {
            line.append(" / ").append(size(totalBytes));
        }
        if (totalFiles > 0) {
            line.append(totalBytes > 0 ? ", " : "").append(files).append('/').append(totalFiles).append(" files");
        }
        String text = line.toString();
        int pad = Math.max(0, lastLength - text.length());
        err.print('\r' + text + " ".repeat(pad));
        err.flush();
        lastLength = text.length();
    }

    /** Bytes for people: {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 GiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
