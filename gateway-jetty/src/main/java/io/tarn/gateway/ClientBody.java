package io.tarn.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * A request body whose read failures (a client that stops sending, a connection that drops, a body
 * shorter than announced) are the client's fault: each is rethrown as an {@link IOException} whose
 * cause is the protocol's error for it, so that a layer that wraps I/O failures (the engine reports
 * them as storage failures) still lets the handler find and answer the client's error.
 */
public final class ClientBody extends FilterInputStream {
    private final Function<IOException, RuntimeException> fault;

    /** @param fault the protocol's error for a failed read, for example a 400 */
    public ClientBody(InputStream in, Function<IOException, RuntimeException> fault) {
        super(in);
        this.fault = fault;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw blame(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw blame(e);
        }
    }

    private IOException blame(IOException e) {
        return new IOException(e.getMessage(), fault.apply(e));
    }
}
