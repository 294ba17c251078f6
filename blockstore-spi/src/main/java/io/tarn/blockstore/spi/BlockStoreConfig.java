package io.tarn.blockstore.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The configuration of one blockstore type: the {@code blockstore.<type>.*} properties with the
 * prefix stripped, each overridable by the environment variable
 * {@code TARN_BLOCKSTORE_<TYPE>_<KEY>} (upper case, {@code .} and {@code -} as {@code _}).
 * Providers read it into a typed record of their own.
 *
 * <p>{@link #toString()} masks the values of keys that look secret (secret, password, token,
 * credential, private, sas, connection-string), so a config can be logged.
 */
public final class BlockStoreConfig {
    // "account-key", "master-key" and the like hold secrets; "access-key-id" names one and is not.
    private static final Pattern SECRET_KEY = Pattern.compile(".*(secret|password|token|credential|private|sas|connection-string).*|.*[-._]?key");
    private final String type;
    private final Map<String, String> properties;

    public BlockStoreConfig(String type, Map<String, String> properties) {
        this.type = Objects.requireNonNull(type, "type");
        this.properties = Map.copyOf(properties);
    }

    /**
     * Picks out {@code blockstore.<type>.*} from all properties and applies environment overrides
     * for the keys present in either.
     */
    public static BlockStoreConfig from(String type, Map<String, String> allProperties, Map<String, String> environment) {
        String prefix = "blockstore." + type + ".";
        String envPrefix = envName(prefix);
        Map<String, String> selected = new TreeMap<>();
        allProperties.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                selected.put(k.substring(prefix.length()), v);
            }
        });
        // An override maps back to the property it names (so 'force.path.style' keeps its dots);
        // a variable naming no configured property becomes a '-' spelled key.
        Map<String, String> propertyByEnvName = new HashMap<>();
        selected.keySet().forEach(key -> propertyByEnvName.put(envName(prefix + key), key));
        environment.forEach((k, v) -> {
            if (k.startsWith(envPrefix) && k.length() > envPrefix.length()) {
                String key = propertyByEnvName.getOrDefault(k, k.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '-'));
                selected.put(key, v);
            }
        });
        return new BlockStoreConfig(type, selected);
    }

    /** The environment variable that overrides a property, for example {@code TARN_BLOCKSTORE_S3_REGION}. */
    public static String envName(String property) {
        return "TARN_" + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String type() {
        return type;
    }

    public Set<String> keys() {
        return properties.keySet();
    }

    /** The raw value, or {@code fallback} when absent. */
    public String string(String key, String fallback) {
        return properties.getOrDefault(key, fallback);
    }

    /** @throws BlockStoreConfigException naming the property when it is absent or blank */
    public String requiredString(String key) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            throw new BlockStoreConfigException("Invalid blockstore configuration: blockstore." + type + "." + key + " is missing; set it or " + envName("blockstore." + type + "." + key));
        }
        return value;
    }

    public boolean bool(String key, boolean fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, value, "expected true or false");
        };
    }

    public long longValue(String key, long fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "expected a whole number");
        }
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public long longValue(String key, long fallback, long min, long max) {
        long value = longValue(key, fallback);
        if (value < min || value > max) {
            throw invalid(key, Long.toString(value), "expected a whole number from " + min + " to " + max);
        }
        return value;
    }

    /** A duration, as {@link #duration} reads it, that must be longer than zero. */
    public Duration positiveDuration(String key, Duration fallback) {
        Duration value = duration(key, fallback);
        if (value.isNegative() || value.isZero()) {
            throw invalid(key, string(key, value.toString()), "expected a positive duration such as 30s");
        }
        return value;
    }

    /** A duration as {@code 30s}, {@code 5m}, {@code 2h}, {@code 1500ms} or ISO-8601 ({@code PT30S}). */
    public Duration duration(String key, Duration fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw invalid(key, value, "expected a duration such as 30s, 5m or 2h");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw invalid(key, value, "expected a duration such as 30s, 5m or 2h");
        }
    }

    public Path path(String key, Path fallback) {
        String value = properties.get(key);
        return value == null ? fallback : Path.of(value);
    }

    /**
     * The error for a value of {@code key} that cannot be used: {@code Invalid blockstore.<type>.<key>
     * '<value>': <expected>}, the value shown as {@code ****} when {@link #isSecret} says so. For
     * plugins that check more than these getters do.
     */
    public BlockStoreConfigException invalid(String key, String value, String expected) {
        String shown = isSecret(key) ? "****" : value;
        return new BlockStoreConfigException("Invalid blockstore." + type + "." + key + " '" + shown + "': " + expected);
    }

    /** Whether the value of {@code key} must never be shown. */
    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, isSecret(k) ? "****" : v));
        return "BlockStoreConfig[" + type + " " + shown + "]";
    }
}
