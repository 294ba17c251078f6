package io.tarn.gateway.s3.upstream;

import java.io.IOException;

/**
 * The upstream S3 could not be reached, or failed before it answered. Transient as far as Tarn
 * knows: the client may retry. The message names the upstream's endpoint, never its keys.
 */
public final class UpstreamUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public UpstreamUnavailableException(String message) {
        super(message);
    }
}
