package io.tarn.gateway.s3.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The client's body on its way upstream. It holds back its last bytes until the client's body has
 * ended well: an {@code aws-chunked} body's final chunk and trailers, or a signed body's SHA-256,
 * are checked only at its end, and an upstream that had received every byte would keep the object
 * even though the check then failed. Failing before the last byte leaves the upstream with a
 * request cut short, which it discards. It also remembers why a read failed, so that a failure of
 * the client's body is not taken for one of the upstream. Read by the HTTP client's thread.
 */
final class ForwardedBody extends FilterInputStream {
    private final byte[] one = new byte[1];
    private final long length;
    private long read;
    private volatile IOException failure;

    /** @param length the body's length, or -1 when unknown (then nothing is held back) */
    ForwardedBody(InputStream body, long length) {
        super(body);
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = in.read(b, off, len);
            if (n > 0) {
                read += n;
                if (length >= 0 && read >= length) {
                    readToEnd();
                }
            }
            return n;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Reads on to the end of the client's body, which runs its final checks; for a request without
     * a body, before it is sent.
     */
    void expectEnd() throws IOException {
        try {
            readToEnd();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void readToEnd() throws IOException {
        if (read > length || in.read() >= 0) {
            throw new IOException("The body is longer than its announced length " + length);
        }
    }

    /** Why reading the client's body failed, or {@code null} when it did not. */
    IOException failure() {
        return failure;
    }
}
