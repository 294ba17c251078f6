package io.tarn.blockstore.azure;

import io.tarn.blockstore.spi.BlockStoreConfig;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Azure blockstore's configuration: one storage account, its credential, where to reach it and
 * how patiently. {@link #toString()} never shows the key or the SAS token.
 *
 * @param accountName the storage account; locations must name it ({@code blockstore.azure.account-name},
 *     or {@code AccountName} of the connection string)
 * @param accountKey the account's shared key (base64), or {@code null} when a SAS token is used;
 *     needed for presigned URLs
 * @param sasToken a SAS token (without the leading {@code ?}), or {@code null} when the shared key is used
 * @param endpoint the blob service, {@code https://<account>.blob.core.windows.net} unless overridden
 *     ({@code blockstore.azure.endpoint}, for example Azurite's {@code http://127.0.0.1:10000/devstoreaccount1})
 * @param timeout the limit for one try of one request, and for connecting ({@code blockstore.azure.timeout})
 * @param maxRetries how often a request that failed transiently (I/O errors, timeouts, throttling
 *     and server errors, as the SDK's storage retry policy judges) is tried again
 *     ({@code blockstore.azure.max-retries})
 * @param retryDelay the first delay between tries, doubled each time ({@code blockstore.azure.retry-delay})
 */
public record AzureBlockStoreConfig(String accountName, String accountKey, String sasToken, URI endpoint, Duration timeout, int maxRetries,
        Duration retryDelay) {
    /** Azure's rule for account names: 3 to 24 lower-case letters and digits. */
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_RETRIES = 3;
    static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

    public AzureBlockStoreConfig {
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        if ((accountKey == null) == (sasToken == null)) {
            throw new IllegalArgumentException("Invalid Azure credentials: give exactly one of an account key and a SAS token");
        }
    }

    /**
     * Reads the {@code blockstore.azure.*} properties: {@code account-name} with one of
     * {@code account-key} or {@code sas-token}, or a {@code connection-string} alone; optional
     * {@code endpoint}, {@code timeout}, {@code max-retries}, {@code retry-delay}.
     *
     * @throws BlockStoreConfigException naming the property when a value is missing or malformed
     */
    public static AzureBlockStoreConfig from(BlockStoreConfig config) {
        String connectionString = config.string("connection-string", null);
        Map<String, String> parts = connectionString == null ? Map.of() : parseConnectionString(connectionString);
        String accountName = config.string("account-name", parts.get("accountname"));
        if (accountName == null || accountName.isBlank()) {
            throw new BlockStoreConfigException("Invalid blockstore configuration: blockstore.azure.account-name is missing; set it (or AccountName in "
                    + "blockstore.azure.connection-string) or " + BlockStoreConfig.envName("blockstore.azure.account-name"));
        }
        accountName = accountName.trim();
        if (!ACCOUNT.matcher(accountName).matches()) {
            throw config.invalid("account-name", accountName, "expected 3 to 24 lower-case letters and digits");
        }
        String accountKey = config.string("account-key", parts.get("accountkey"));
        String sasToken = config.string("sas-token", parts.get("sharedaccesssignature"));
        if (accountKey != null && sasToken != null) {
            throw new BlockStoreConfigException("Invalid blockstore configuration: both an account key and a SAS token are set "
                    + "(blockstore.azure.account-key, blockstore.azure.sas-token or blockstore.azure.connection-string); keep one");
        }
        if (accountKey == null && sasToken == null) {
            throw new BlockStoreConfigException("Invalid blockstore configuration: no Azure credential; set blockstore.azure.account-key, "
                    + "blockstore.azure.sas-token or blockstore.azure.connection-string");
        }
        if (accountKey != null) {
            accountKey = accountKey.trim();
            try {
                Base64.getDecoder().decode(accountKey);
            } catch (IllegalArgumentException e) {
                throw new BlockStoreConfigException("Invalid blockstore.azure.account-key: it is not base64 (the value is not shown)");
            }
        }
        if (sasToken != null) {
            sasToken = sasToken.trim();
            sasToken = sasToken.startsWith("?") ? sasToken.substring(1) : sasToken;
            if (sasToken.isEmpty() || !sasToken.contains("sig=")) {
                throw new BlockStoreConfigException("Invalid blockstore.azure.sas-token: expected a query string with a sig= parameter (the value is not shown)");
            }
        }
        String endpoint = config.string("endpoint", parts.getOrDefault("blobendpoint", defaultEndpoint(accountName, parts)));
        long maxRetries = config.longValue("max-retries", DEFAULT_MAX_RETRIES, 0, 20);
        return new AzureBlockStoreConfig(accountName, accountKey, sasToken, endpoint(config, endpoint),
                config.positiveDuration("timeout", DEFAULT_TIMEOUT), (int) maxRetries, config.positiveDuration("retry-delay", DEFAULT_RETRY_DELAY));
    }

    /** Whether presigned URLs can be made: they are signed with the account key. */
    boolean canSign() {
        return accountKey != null;
    }

    private static String defaultEndpoint(String accountName, Map<String, String> parts) {
        String protocol = parts.getOrDefault("defaultendpointsprotocol", "https");
        String suffix = parts.getOrDefault("endpointsuffix", "core.windows.net");
        return protocol + "://" + accountName + ".blob." + suffix;
    }

    private static URI endpoint(BlockStoreConfig config, String value) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getQuery() != null) {
                throw config.invalid("endpoint", value, "expected http(s)://host[:port][/path] without a query");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw config.invalid("endpoint", value, e.getReason());
        }
    }

    /** {@code Key=Value;Key=Value}, keys lower-cased; values may hold '=' (base64 keys, SAS tokens). */
    private static Map<String, String> parseConnectionString(String value) {
        Map<String, String> parts = new HashMap<>();
        for (String part : value.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new BlockStoreConfigException("Invalid blockstore.azure.connection-string: expected Key=Value pairs separated by ';' (the value is not shown)");
            }
            parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
        }
        return parts;
    }

    @Override
    public String toString() {
        return "AzureBlockStoreConfig[account " + accountName + ", endpoint " + endpoint + ", credential " + (accountKey != null ? "shared key ****" : "SAS token ****")
                + ", timeout " + timeout + ", max retries " + maxRetries + ", retry delay " + retryDelay + "]";
    }
}
