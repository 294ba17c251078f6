package io.tarn.blockstore.gcs;

import io.tarn.blockstore.spi.Location;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An object's bytes as they arrive from GCS; a failed read says which object on which backend. */
final class GcsInputStream extends FilterInputStream {
    private final Location location;

    GcsInputStream(Location location, InputStream in) {
        super(in);
        this.location = location;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
    }

    private IOException failure(Exception e) {
        return new IOException("Cannot read '" + location + "' from gcs (bucket '" + location.authority() + "', key '" + location.path() + "'): "
                + GcsErrors.describe(e), e);
    }
}
