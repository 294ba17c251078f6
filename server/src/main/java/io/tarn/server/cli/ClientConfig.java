package io.tarn.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the client finds the server and which keys it signs in with: {@code ~/.tarn.yaml} (or the
 * file named by {@code --config}), each key overridden by its environment variable.
 *
 * <p>The environment variables are named after the client's keys ({@code TARN_ENDPOINT_URL},
 * {@code TARN_ACCESS_KEY_ID}, {@code TARN_SECRET_ACCESS_KEY}); none of them is a {@code TARN_<KEY>}
 * of a server setting ({@code tarn run} reads only its own keys), so one shell can run both.
 *
 * @param endpoint the server's endpoint, without {@code /api/v1}
 * @param caFile PEM certificates to trust for an https endpoint instead of the JDK's, or {@code null}
 * @param source where the settings came from, for error messages
 */
record ClientConfig(URI endpoint, String accessKeyId, String secretAccessKey, Path caFile, String source) {
    static final String ENDPOINT_KEY = "server.endpoint_url";
    static final String ACCESS_KEY_ID_KEY = "credentials.access_key_id";
    static final String SECRET_KEY = "credentials.secret_access_key";
    static final String CA_FILE_KEY = "server.ca_file";
    static final String ENDPOINT_ENV = "TARN_ENDPOINT_URL";
    static final String ACCESS_KEY_ID_ENV = "TARN_ACCESS_KEY_ID";
    static final String SECRET_ENV = "TARN_SECRET_ACCESS_KEY";
    static final String CA_FILE_ENV = "TARN_CA_FILE";
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8000";
    static final String FILE_NAME = ".tarn.yaml";
    private static final List<String> KEYS = List.of(ENDPOINT_KEY, ACCESS_KEY_ID_KEY, SECRET_KEY, CA_FILE_KEY);

    @Override
    public String toString() {
        return "ClientConfig[endpoint=" + endpoint + ", accessKeyId=" + accessKeyId + ", caFile=" + caFile + ", source=" + source + "]";
    }

    /**
     * @param file the file named by {@code --config}, or {@code null} for {@code ~/.tarn.yaml} if it exists
     * @param environment the process environment; its {@code HOME} is the home directory
     * @throws CliException a usage error naming the file, key or value that is wrong or missing
     */
    static ClientConfig load(Path file, Map<String, String> environment) {
        Path source = file;
        if (source == null) {
            Path candidate = defaultFile(environment);
            source = Files.isRegularFile(candidate) ? candidate : null;
        }
        Map<String, String> values = source == null ? new LinkedHashMap<>() : readFile(source);
        putIfSet(values, ENDPOINT_KEY, environment.get(ENDPOINT_ENV));
        putIfSet(values, ACCESS_KEY_ID_KEY, environment.get(ACCESS_KEY_ID_ENV));
        putIfSet(values, SECRET_KEY, environment.get(SECRET_ENV));
        putIfSet(values, CA_FILE_KEY, environment.get(CA_FILE_ENV));
        String where = source == null ? "~/" + FILE_NAME + " (absent)" : source.toString();
        URI endpoint = endpoint(values.getOrDefault(ENDPOINT_KEY, DEFAULT_ENDPOINT), where);
        String keyId = values.getOrDefault(ACCESS_KEY_ID_KEY, "").trim();
        String secret = values.getOrDefault(SECRET_KEY, "").trim();
        if (keyId.isEmpty() || secret.isEmpty()) {
            throw CliException.usage("Cannot find credentials: set " + ACCESS_KEY_ID_KEY + " and " + SECRET_KEY + " in " + where
                    + ", or " + ACCESS_KEY_ID_ENV + " and " + SECRET_ENV);
        }
        Path caFile = null;
        String ca = values.getOrDefault(CA_FILE_KEY, "").trim();
        if (!ca.isEmpty()) {
            caFile = Path.of(ca);
            if (!Files.isRegularFile(caFile)) {
                throw CliException.usage("Invalid " + CA_FILE_KEY + " '" + ca + "' (" + where + " or " + CA_FILE_ENV + "): no such file");
            }
        }
        return new ClientConfig(endpoint, keyId, secret, caFile, where);
    }

    /** {@code ~/.tarn.yaml}, {@code ~} being the process's {@code HOME}. */
    static Path defaultFile(Map<String, String> environment) {
        return Path.of(environment.getOrDefault("HOME", System.getProperty("user.home"))).resolve(FILE_NAME);
    }

    private static void putIfSet(Map<String, String> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(key, value);
        }
    }

    /** An http(s) URL; a trailing {@code /} or {@code /api/v1} (lakectl's habit) is dropped. */
    static URI endpoint(String raw, String where) {
        String value = raw.trim();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.endsWith("/api/v1")) {
            value = value.substring(0, value.length() - "/api/v1".length());
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw CliException.usage("Invalid " + ENDPOINT_KEY + " '" + raw + "' (" + where + " or " + ENDPOINT_ENV
                + "): expected an http:// or https:// URL such as " + DEFAULT_ENDPOINT);
    }

    /** The file's keys, nested or dotted, as dotted keys. */
    static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw CliException.usage("Cannot read config file " + file + ": no such file");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw CliException.usage("Invalid config file " + file + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw CliException.usage("Cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw CliException.usage("Invalid config file " + file + ": expected keys such as " + ENDPOINT_KEY);
            }
            flatten("", root, values, file);
        }
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw CliException.usage("Invalid config key '" + key + "' in " + file + ": known keys are " + String.join(", ", KEYS));
            }
        }
        return values;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into, Path file) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key + ".", value, into, file);
            } else if (value.isValueNode()) {
                into.put(key, value.asText());
            } else {
                throw CliException.usage("Invalid config key '" + key + "' in " + file + ": expected a single value");
            }
        }
    }
}
