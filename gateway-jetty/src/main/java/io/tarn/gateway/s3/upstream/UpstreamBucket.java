package io.tarn.gateway.s3.upstream;

import java.time.Instant;
import java.util.Objects;

/**
 * A bucket of the upstream S3, as its ListBuckets names it.
 *
 * @param creationDate when it was created, as the upstream says
 */
public record UpstreamBucket(String name, Instant creationDate) {
    public UpstreamBucket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creationDate, "creationDate");
    }
}
