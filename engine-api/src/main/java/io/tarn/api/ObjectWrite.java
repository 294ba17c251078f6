package io.tarn.api;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The description a writer gives an object's bytes.
 *
 * @param checksums additional checksum algorithms to compute and store, by S3 name ({@code CRC32C})
 */
public record ObjectWrite(String contentType, Map<String, String> userMetadata, Map<String, String> tags, Set<String> checksums) {
    public ObjectWrite {
        Objects.requireNonNull(contentType, "contentType");
        userMetadata = Map.copyOf(userMetadata);
        tags = Map.copyOf(tags);
        checksums = Set.copyOf(checksums);
    }

    /** The same description, computing these checksum algorithms. */
    public ObjectWrite withChecksums(Set<String> algorithms) {
        return new ObjectWrite(contentType, userMetadata, tags, algorithms);
    }

    public static ObjectWrite of(String contentType) {
        return new ObjectWrite(contentType, Map.of(), Map.of(), Set.of());
    }
}
