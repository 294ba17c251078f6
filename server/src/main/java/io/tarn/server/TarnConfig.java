package io.tarn.server;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.gateway.s3.VirtualHosts;
import io.tarn.gateway.s3.upstream.UpstreamConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The server's settings, validated.
 *
 * @param listenAddress the address Jetty binds, {@code 127.0.0.1} by default
 * @param port the TCP port, {@code 8000} by default; {@code 0} picks a free one
 * @param dataDir where the metadata ({@code meta/}) and the default local blockstore ({@code blocks/}) live
 * @param logLevel root log level: error, warn, info, debug or trace
 * @param properties every setting as a dotted key, including the {@code blockstore.<type>.*} ones
 *     plugins read, the virtual-host domains ({@link #virtualHosts()}) and the upstream S3
 *     ({@link #upstream()})
 * @param source the config file read, or {@code null}
 */
public record TarnConfig(String listenAddress, int port, Path dataDir, String logLevel, Map<String, String> properties, Path source) {
    static final String LISTEN_ADDRESS = "listen.address";
    static final String LISTEN_PORT = "listen.port";
    static final String DATA_DIR = "data.dir";
    static final String LOG_LEVEL = "log.level";
    static final String LOCAL_ROOT = "blockstore.local.root";
    static final String TLS_PORT = "tls.port";
    static final String TLS_KEYSTORE = "tls.keystore";
    static final String TLS_KEYSTORE_PASSWORD = "tls.keystore.password";
    static final String S3_DOMAIN = "s3.domain";
    static final String NAMESPACE_PREFIX = "storage.namespace_prefix";
    static final String PLUGINS_DIR = "plugins.dir";
    static final String UPSTREAM_ENDPOINT = "upstream.endpoint";
    static final String UPSTREAM_REGION = "upstream.region";
    static final String UPSTREAM_ACCESS_KEY_ID = "upstream.access_key_id";
    static final String UPSTREAM_SECRET_ACCESS_KEY = "upstream.secret_access_key";

    /** Keys with a meaning of their own, each overridable by {@code TARN_<KEY>}. */
    static final List<String> KEYS = List.of(LISTEN_ADDRESS, LISTEN_PORT, DATA_DIR, LOG_LEVEL, LOCAL_ROOT, TLS_PORT, TLS_KEYSTORE,
            TLS_KEYSTORE_PASSWORD, S3_DOMAIN, NAMESPACE_PREFIX, PLUGINS_DIR, UPSTREAM_ENDPOINT, UPSTREAM_REGION, UPSTREAM_ACCESS_KEY_ID, UPSTREAM_SECRET_ACCESS_KEY);
    private static final List<String> UPSTREAM_KEYS = List.of(UPSTREAM_ENDPOINT, UPSTREAM_REGION, UPSTREAM_ACCESS_KEY_ID,
            UPSTREAM_SECRET_ACCESS_KEY);
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    public TarnConfig {
        properties = Map.copyOf(properties);
    }

    /**
     * Validates raw settings and fills in defaults.
     *
     * @throws ConfigException naming the key and value of the first bad setting
     */
    static TarnConfig from(Map<String, String> raw, Path workingDirectory, Path source) {
        String from = source == null ? "" : " in " + source;
        for (String key : raw.keySet()) {
            if (!KEYS.contains(key) && !key.startsWith("blockstore.")) {
                throw new ConfigException("Invalid config key '" + key + "'" + from + ": known keys are " + String.join(", ", KEYS) + " and blockstore.<type>.*");
            }
        }
        String address = raw.getOrDefault(LISTEN_ADDRESS, "127.0.0.1").trim();
        if (address.isEmpty()) {
            throw new ConfigException("Invalid " + LISTEN_ADDRESS + " ''" + from + ": expected an IP address or host name");
        }
        int port = parsePort(raw.getOrDefault(LISTEN_PORT, "8000"), from);
        Path dataDir = workingDirectory.resolve(raw.getOrDefault(DATA_DIR, "data").trim()).toAbsolutePath().normalize();
        String logLevel = raw.getOrDefault(LOG_LEVEL, "info").trim().toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new ConfigException("Invalid " + LOG_LEVEL + " '" + raw.get(LOG_LEVEL) + "'" + from + ": expected one of error, warn, info, debug, trace");
        }
        if (raw.containsKey(TLS_PORT) && !raw.get(TLS_PORT).isBlank()) {
            parsePort(raw.get(TLS_PORT), from);
        }
        if (raw.containsKey(TLS_KEYSTORE) != raw.containsKey(TLS_KEYSTORE_PASSWORD)) {
            throw new ConfigException("Invalid HTTPS settings" + from + ": " + TLS_KEYSTORE + " and " + TLS_KEYSTORE_PASSWORD + " go together");
        }
        virtualHosts(raw, from);
        upstream(raw, from);
        namespacePrefix(raw, from);
        Map<String, String> properties = new TreeMap<>(raw);
        properties.put(LISTEN_ADDRESS, address);
        properties.put(LISTEN_PORT, Integer.toString(port));
        properties.put(DATA_DIR, dataDir.toString());
        properties.put(LOG_LEVEL, logLevel);
        properties.put(PLUGINS_DIR, workingDirectory.resolve(raw.getOrDefault(PLUGINS_DIR, dataDir.resolve("plugins").toString()).trim()).toAbsolutePath().normalize().toString());
        properties.put(LOCAL_ROOT, workingDirectory.resolve(raw.getOrDefault(LOCAL_ROOT, dataDir.resolve("blocks").toString()).trim()).toAbsolutePath().normalize().toString());
        return new TarnConfig(address, port, dataDir, logLevel, properties, source);
    }

    private static int parsePort(String value, String from) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("Invalid " + LISTEN_PORT + " '" + value + "'" + from + ": expected a number from 0 to 65535");
    }

    /** Where plugin jars are loaded from ({@code plugins.dir}, {@code <data.dir>/plugins} by default). */
    public Path pluginsDir() {
        return Path.of(properties.get(PLUGINS_DIR));
    }

    /**
     * Where a repository made by S3 CreateBucket keeps its data: this prefix followed by the bucket
     * name ({@code storage.namespace_prefix}, {@code local://} by default, for example
     * {@code s3://my-bucket/tarn/}); also what the REST API offers clients as the default.
     */
    public String namespacePrefix() {
        return namespacePrefix(properties, "");
    }

    /** The scheme of {@link #namespacePrefix()}: the blockstore type clients are told about. */
    String namespacePrefixType() {
        String prefix = namespacePrefix();
        String scheme = prefix.substring(0, prefix.indexOf("://"));
        return switch (scheme) {
            case "az", "https" -> "azure";
            default -> scheme;
        };
    }

    private static String namespacePrefix(Map<String, String> raw, String from) {
        String value = raw.getOrDefault(NAMESPACE_PREFIX, "local://").trim();
        int scheme = value.indexOf("://");
        if (scheme <= 0 || !value.substring(0, scheme).matches("[a-z][a-z0-9+.-]*")) {
            throw new ConfigException("Invalid " + NAMESPACE_PREFIX + " '" + value + "'" + from + ": expected scheme://[authority/path/], for example s3://my-bucket/tarn/");
        }
        return value;
    }

    /** The domains under which buckets are addressed virtual-host style ({@code s3.domain}); none by default. */
    public VirtualHosts virtualHosts() {
        return virtualHosts(properties, "");
    }

    /** The upstream S3 that buckets other than repositories are forwarded to ({@code upstream.*}), if configured. */
    public Optional<UpstreamConfig> upstream() {
        return Optional.ofNullable(upstream(properties, ""));
    }

    private static VirtualHosts virtualHosts(Map<String, String> raw, String from) {
        String value = raw.getOrDefault(S3_DOMAIN, "");
        if (value.isBlank()) {
            return VirtualHosts.NONE;
        }
        List<String> domains = new ArrayList<>();
        for (String domain : value.split(",", -1)) {
            String trimmed = domain.trim();
            String problem = VirtualHosts.domainProblem(trimmed);
            if (problem != null) {
                throw new ConfigException("Invalid " + S3_DOMAIN + " '" + value + "'" + from + ": cannot use '" + trimmed + "' ("
                        + problem + "); expected host names separated by commas");
            }
            domains.add(trimmed);
        }
        return new VirtualHosts(domains);
    }

    /** The upstream's settings, or {@code null} when none is configured. */
    private static UpstreamConfig upstream(Map<String, String> raw, String from) {
        String endpoint = setting(raw, UPSTREAM_ENDPOINT);
        if (endpoint == null) {
            for (String key : UPSTREAM_KEYS) {
                if (setting(raw, key) != null) {
                    throw new ConfigException("Invalid upstream settings" + from + ": " + key + " is set but " + UPSTREAM_ENDPOINT
                            + " is not");
                }
            }
            return null;
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new ConfigException("Invalid " + UPSTREAM_ENDPOINT + " '" + endpoint + "'" + from + ": " + e.getReason()
                    + "; expected a URL such as https://s3.us-east-1.amazonaws.com", e);
        }
        String problem = UpstreamConfig.endpointProblem(uri);
        if (problem != null) {
            throw new ConfigException("Invalid " + UPSTREAM_ENDPOINT + " '" + endpoint + "'" + from + ": " + problem);
        }
        String region = raw.getOrDefault(UPSTREAM_REGION, UpstreamConfig.DEFAULT_REGION).trim();
        if (!region.matches("[a-z0-9-]+")) {
            throw new ConfigException("Invalid " + UPSTREAM_REGION + " '" + region + "'" + from + ": expected a region name such as us-east-1");
        }
        for (String key : List.of(UPSTREAM_ACCESS_KEY_ID, UPSTREAM_SECRET_ACCESS_KEY)) {
            if (setting(raw, key) == null) {
                throw new ConfigException("Invalid upstream settings" + from + ": " + UPSTREAM_ENDPOINT + " is set but " + key
                        + " is not");
            }
        }
        return new UpstreamConfig(uri, region, setting(raw, UPSTREAM_ACCESS_KEY_ID), setting(raw, UPSTREAM_SECRET_ACCESS_KEY));
    }

    /** A setting's trimmed value, or {@code null} when it is missing or blank. */
    private static String setting(Map<String, String> raw, String key) {
        String value = raw.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The directory of the metadata store. */
    public Path metadataDir() {
        return dataDir.resolve("meta");
    }

    /** The HTTPS port, or -1 when HTTPS is off (the default). */
    int tlsPort() {
        String v = properties.get(TLS_PORT);
        return v == null || v.isBlank() ? -1 : Integer.parseInt(v.trim());
    }

    /** The configured PKCS#12 keystore, or {@code null} for a generated self-signed certificate. */
    Path tlsKeystore() {
        String v = properties.get(TLS_KEYSTORE);
        return v == null || v.isBlank() ? null : Path.of(v.trim()).toAbsolutePath();
    }

    String tlsKeystorePassword() {
        return properties.get(TLS_KEYSTORE_PASSWORD);
    }

    /**
     * Without the values of secrets: the keystore password, the upstream's secret key, and every
     * plugin setting {@link BlockStoreConfig#isSecret} masks.
     */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(properties);
        shown.replaceAll((key, value) -> key.equals(TLS_KEYSTORE_PASSWORD) || key.equals(UPSTREAM_SECRET_ACCESS_KEY) || BlockStoreConfig.isSecret(key)
                ? "(redacted)" : value);
        return "TarnConfig[listenAddress=" + listenAddress + ", port=" + port + ", dataDir=" + dataDir + ", logLevel=" + logLevel
                + ", properties=" + shown + ", source=" + source + "]";
    }
}
