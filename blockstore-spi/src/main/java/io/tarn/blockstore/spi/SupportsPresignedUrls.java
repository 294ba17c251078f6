package io.tarn.blockstore.spi;

import java.net.URI;
import java.time.Duration;

/**
 * URLs that let a client read or write one object directly at the backend, without credentials,
 * until they expire.
 */
public interface SupportsPresignedUrls {
    /** A URL for an HTTP GET of the object, valid for {@code expiry}. */
    URI presignGet(Location location, Duration expiry);

    /** A URL for an HTTP PUT of the object's bytes, valid for {@code expiry}. */
    URI presignPut(Location location, Duration expiry);
}
