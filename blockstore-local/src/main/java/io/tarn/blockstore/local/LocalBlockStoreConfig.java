package io.tarn.blockstore.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local blockstore's configuration.
 *
 * @param root the directory holding every local namespace (the server passes
 *     {@code <data-dir>/blocks}); property {@code blockstore.local.root}, environment
 *     {@code TARN_BLOCKSTORE_LOCAL_ROOT}
 * @param presign the endpoint serving presigned URLs, or {@code null} (the default) for none: then
 *     the store does not offer presigned URLs
 */
public record LocalBlockStoreConfig(Path root, Presign presign) {
    static final String PRESIGN_LISTEN = "presign-listen";
    static final String PRESIGN_URL = "presign-url";
    static final String PRESIGN_SECRET = "presign-secret";
    /** A shorter HMAC key is too easy to guess. */
    static final int MIN_SECRET_BYTES = 16;
    private static final int RANDOM_SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public LocalBlockStoreConfig {
        Objects.requireNonNull(root, "root");
    }

    /** A store over {@code root} without presigned URLs. */
    public LocalBlockStoreConfig(Path root) {
        this(root, null);
    }

    /**
     * Reads the {@code blockstore.local.*} properties.
     *
     * @throws BlockStoreConfigException naming the property and value when {@code root} is missing or
     *     no valid path, or a {@code presign-*} setting is malformed or set without {@code presign-listen}
     */
    public static LocalBlockStoreConfig from(BlockStoreConfig config) {
        String root = config.requiredString("root");
        Path path;
        try {
            path = Path.of(root).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new BlockStoreConfigException("Invalid blockstore.local.root '" + root.replace("\0", "\\0") + "': " + e.getReason(), e);
        }
        return new LocalBlockStoreConfig(path, presign(config));
    }

    private static Presign presign(BlockStoreConfig config) {
        String listen = blankToNull(config.string(PRESIGN_LISTEN, null));
        String url = blankToNull(config.string(PRESIGN_URL, null));
        String secret = config.string(PRESIGN_SECRET, null);
        if (listen == null) {
            for (String key : new String[] {PRESIGN_URL, PRESIGN_SECRET}) {
                if (blankToNull(config.string(key, null)) != null) {
                    throw new BlockStoreConfigException("Invalid blockstore.local." + key + ": it is set but blockstore.local." + PRESIGN_LISTEN
                            + " is not, so no presigned-URL endpoint runs; set " + PRESIGN_LISTEN + " (host:port) too, or remove it");
                }
            }
            return null;
        }
        return new Presign(listenAddress(config, listen), url == null ? null : publicUrl(config, url),
                secret == null || secret.isEmpty() ? randomSecret() : secretKey(config, secret));
    }

    /** {@code host:port} or {@code [ipv6]:port}, the host resolved now so that a typo fails at start-up. */
    private static InetSocketAddress listenAddress(BlockStoreConfig config, String value) {
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf("]:");
            host = close < 0 ? "" : value.substring(1, close);
            port = close < 0 ? "" : value.substring(close + 2);
        } else {
            int colon = value.lastIndexOf(':');
            host = colon < 0 ? "" : value.substring(0, colon);
            port = colon < 0 ? "" : value.substring(colon + 1);
        }
        if (host.isEmpty() || (!value.startsWith("[") && host.indexOf(':') >= 0) || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw config.invalid(PRESIGN_LISTEN, value, "expected host:port, for example 127.0.0.1:8123 (port 0 picks a free one; an IPv6 address in brackets)");
        }
        InetSocketAddress address = new InetSocketAddress(host, Integer.parseInt(port));
        if (address.isUnresolved()) {
            throw config.invalid(PRESIGN_LISTEN, value, "cannot resolve host '" + host + "'");
        }
        return address;
    }

    private static URI publicUrl(BlockStoreConfig config, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw config.invalid(PRESIGN_URL, value, e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw config.invalid(PRESIGN_URL, value, "expected http://host[:port][/path] or https://host[:port][/path]");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw config.invalid(PRESIGN_URL, value, "it cannot have a query, a fragment or user information");
        }
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        return URI.create(trimmed);
    }

    private static SecretKey secretKey(BlockStoreConfig config, String secret) {
        byte[] bytes = secret.getBytes(UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            // The value is a secret: invalid() masks it, and its length is all the message tells.
            throw config.invalid(PRESIGN_SECRET, secret, bytes.length + " bytes is too short; expected at least "
                    + MIN_SECRET_BYTES + ", for example the output of 'openssl rand -hex 32'");
        }
        return new SecretKeySpec(bytes, PresignedUrls.MAC_ALGORITHM);
    }

    private static SecretKey randomSecret() {
        byte[] bytes = new byte[RANDOM_SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return new SecretKeySpec(bytes, PresignedUrls.MAC_ALGORITHM);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Where the local store serves presigned URLs, and how it signs them.
     *
     * @param listen {@code presign-listen}: the address the endpoint binds, {@code host:port}; port 0
     *     picks a free one
     * @param url {@code presign-url}: the base of the URLs handed out, for a proxy in front of the
     *     endpoint (a path in it is a prefix the proxy removes before forwarding), or {@code null} for
     *     {@code http://<listen host>:<bound port>}
     * @param secret {@code presign-secret}: the HMAC-SHA256 key URLs are signed with; unset, a random
     *     key made when the configuration is read, so URLs stop working when the process restarts.
     *     Never shown by {@link #toString()}
     */
    public record Presign(InetSocketAddress listen, URI url, SecretKey secret) {
        public Presign {
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Presign[listen=" + listen + ", url=" + url + ", secret=****]";
        }
    }
}
