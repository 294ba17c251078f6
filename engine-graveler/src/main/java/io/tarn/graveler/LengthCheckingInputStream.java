package io.tarn.graveler;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of an upload against its announced length and remembers a mismatch, so that a
 * body shorter or longer than announced is reported as the client's error (invalid argument), not
 * as a storage failure. The blockstore still refuses to store it.
 */
final class LengthCheckingInputStream extends FilterInputStream {
    private final long expected;
    private long seen;
    private String mismatch;

    /** @param expected the announced length, or -1 when unknown (nothing is checked) */
    LengthCheckingInputStream(InputStream in, long expected) {
        super(in);
        this.expected = expected;
    }

    /** What was wrong with the length, or {@code null}. */
    String mismatch() {
        return mismatch;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        count(n);
        return n;
    }

    private void count(int n) {
        if (expected < 0) {
            return;
        }
        if (n < 0) {
            if (seen < expected) {
                mismatch = "the body ended after " + seen + " bytes";
            }
            return;
        }
        seen += n;
        if (seen > expected) {
            mismatch = "the body holds more bytes than that";
        }
    }
}
