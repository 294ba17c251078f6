package io.tarn.gateway.rest;

import java.util.Objects;

/**
 * What the REST API tells clients about the server (lakeFS's {@code /config}): its version and the
 * storage it writes to.
 *
 * @param version Tarn's version
 * @param blockstoreType the default blockstore's type, for example {@code local}
 * @param namespacePrefix what storage namespaces start with on that blockstore, for example {@code local://}
 */
public record ServerDescription(String version, String blockstoreType, String namespacePrefix) {
    public ServerDescription {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(blockstoreType, "blockstoreType");
        Objects.requireNonNull(namespacePrefix, "namespacePrefix");
    }
}
