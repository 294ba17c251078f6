package io.tarn.blockstore.azure;

import io.tarn.blockstore.spi.Location;
import java.util.Locale;

/**
 * A location as Azure sees it: account, container and blob name. {@code az://account/container/name}
 * and {@code https://account.blob.core.windows.net/container/name} both name blob {@code name} of
 * {@code container} in {@code account}; the blob name is the rest of the path, taken literally.
 *
 * @param location the location it was read from, to build sibling locations of the same form
 */
record BlobAddress(Location location, String account, String container, String blobName) {
    static final String HOST_SUFFIX = ".blob.core.windows.net";

    /**
     * @throws IllegalArgumentException naming the location when it is not an Azure location, or names no container
     */
    static BlobAddress of(Location location) {
        String account = accountOf(location);
        String path = location.path();
        int slash = path.indexOf('/');
        String container = slash < 0 ? path : path.substring(0, slash);
        if (container.isEmpty()) {
            throw new IllegalArgumentException("Invalid location '" + location + "': expected " + location.scheme() + "://" + location.authority() + "/<container>/<key>");
        }
        return new BlobAddress(location, account, container, slash < 0 ? "" : path.substring(slash + 1));
    }

    /** The account a location names, from {@code az://account} or {@code https://account.blob.core.windows.net}. */
    static String accountOf(Location location) {
        if (location.scheme().equals("az")) {
            return location.authority();
        }
        String host = location.authority().toLowerCase(Locale.ROOT);
        if (location.scheme().equals("https") && host.endsWith(HOST_SUFFIX) && host.length() > HOST_SUFFIX.length()) {
            return host.substring(0, host.length() - HOST_SUFFIX.length());
        }
        throw new IllegalArgumentException("Invalid location '" + location + "': the azure blockstore serves az://<account>/<container>/<key> and https://<account>"
                + HOST_SUFFIX + "/<container>/<key>");
    }

    /** The location of another blob of this container, in the same form as this one. */
    Location sibling(String otherBlobName) {
        return new Location(location.scheme(), location.authority(), container + "/" + otherBlobName);
    }

    /** For messages: backend, account, container and key, never a credential. */
    String describe() {
        return "azure account '" + account + "', container '" + container + "', key '" + blobName + "'";
    }
}
