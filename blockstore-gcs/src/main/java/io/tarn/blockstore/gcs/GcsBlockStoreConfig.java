package io.tarn.blockstore.gcs;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The GCS blockstore's configuration, from the {@code blockstore.gcs.*} properties.
 *
 * @param projectId {@code project-id}: the Google Cloud project (required, so that the client never
 *     probes the environment for one)
 * @param credentialsFile {@code credentials-file}: a service-account JSON key, or {@code null} for
 *     application default credentials; with {@code anonymous} it only signs URLs
 * @param anonymous {@code anonymous}: send no credentials (emulators, public buckets)
 * @param endpoint {@code endpoint}: the service's base URL, for example an emulator's
 *     {@code http://127.0.0.1:4443}, or {@code null} for Google's
 * @param timeout {@code timeout}: connect and read timeout of each HTTP request, and the budget of
 *     one operation's attempts together
 * @param maxRetries {@code max-retries}: how often a transient failure (connection error, 408, 429,
 *     5xx) is retried, with exponential backoff
 * @param uploadChunkSize {@code upload-chunk-size}: bytes per resumable-upload request, a multiple of
 *     256 KiB; the plugin buffers at most one chunk per upload in flight
 */
public record GcsBlockStoreConfig(String projectId, Path credentialsFile, boolean anonymous, URI endpoint, Duration timeout,
        int maxRetries, int uploadChunkSize) {
    static final String TYPE = "gcs";
    static final int CHUNK_GRANULARITY = 256 * 1024;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_RETRIES = 6;
    static final int DEFAULT_UPLOAD_CHUNK_SIZE = 16 << 20;
    private static final int MAX_RETRIES_LIMIT = 100;
    private static final long MAX_CHUNK = 1L << 30;

    public GcsBlockStoreConfig {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("Invalid timeout " + timeout + ": it must be positive");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("Invalid max-retries " + maxRetries + ": it cannot be negative");
        }
        if (uploadChunkSize < CHUNK_GRANULARITY || uploadChunkSize % CHUNK_GRANULARITY != 0) {
            throw new IllegalArgumentException("Invalid upload-chunk-size " + uploadChunkSize + ": expected a positive multiple of " + CHUNK_GRANULARITY);
        }
    }

    /** The endpoint, when one overrides Google's. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    /**
     * Reads the {@code blockstore.gcs.*} properties.
     *
     * @throws BlockStoreConfigException naming the property when a value is missing or malformed
     */
    public static GcsBlockStoreConfig from(BlockStoreConfig config) {
        String projectId = config.requiredString("project-id").trim();
        Path credentials = credentialsFile(config.string("credentials-file", null));
        boolean anonymous = config.bool("anonymous", false);
        URI endpoint = endpoint(config, config.string("endpoint", null));
        Duration timeout = config.positiveDuration("timeout", DEFAULT_TIMEOUT);
        long retries = config.longValue("max-retries", DEFAULT_MAX_RETRIES, 0, MAX_RETRIES_LIMIT);
        long chunk = config.longValue("upload-chunk-size", DEFAULT_UPLOAD_CHUNK_SIZE);
        if (chunk < CHUNK_GRANULARITY || chunk > MAX_CHUNK || chunk % CHUNK_GRANULARITY != 0) {
            throw config.invalid("upload-chunk-size", Long.toString(chunk), "expected a multiple of 262144 (256 KiB) up to 1 GiB");
        }
        return new GcsBlockStoreConfig(projectId, credentials, anonymous, endpoint, timeout, (int) retries, (int) chunk);
    }

    /** Its path is not secret (the file is), so errors show it, unlike {@link BlockStoreConfig#invalid}. */
    private static Path credentialsFile(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Path path = Path.of(value.trim()).toAbsolutePath();
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new BlockStoreConfigException("Invalid blockstore.gcs.credentials-file '" + path + "': no readable file there");
            }
            return path;
        } catch (InvalidPathException e) {
            throw new BlockStoreConfigException("Invalid blockstore.gcs.credentials-file '" + value.replace("\0", "\\0") + "': " + e.getReason(), e);
        }
    }

    private static URI endpoint(BlockStoreConfig config, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            URI uri = new URI(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw config.invalid("endpoint", value, "expected an http or https URL such as http://127.0.0.1:4443");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw config.invalid("endpoint", value, "expected an http or https URL such as http://127.0.0.1:4443");
        }
    }
}
