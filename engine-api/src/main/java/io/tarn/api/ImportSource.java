package io.tarn.api;

import java.util.Objects;

/**
 * One thing to import without copying: an object, or every object under a prefix, of an existing
 * bucket or container on any configured backend.
 *
 * @param location where it is now: {@code s3://bucket/prefix/}, {@code gs://…}, {@code az://…},
 *     {@code local://…} (a prefix is a plain string prefix of the object locations)
 * @param destination the path in the repository: for a prefix, the path prefix its objects' keys
 *     (less the source prefix) are appended to; for an object, its path
 * @param prefix whether {@code location} is a prefix (lakeFS's {@code common_prefix}) or one object
 */
public record ImportSource(String location, String destination, boolean prefix) {
    public ImportSource {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(destination, "destination");
        if (!location.contains("://")) {
            throw new InvalidArgumentException("import location", location, "expected scheme://bucket/path, for example s3://bucket/prefix/");
        }
        if (!prefix && destination.isEmpty()) {
            throw new InvalidArgumentException("import destination", destination, "an object needs a path to import to");
        }
    }
}
