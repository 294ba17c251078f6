package io.tarn.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads Tarn's configuration from its four sources, each overriding the one before: built-in
 * defaults, the config file ({@code tarn.yaml}/{@code .yml} or {@code tarn.properties}), environment
 * variables ({@code TARN_<KEY>}, upper case, {@code .} and {@code -} as {@code _}) and command-line
 * flags. The result is a flat map of dotted keys turned into a {@link TarnConfig}.
 */
final class ConfigLoader {
    /** Looked for in the working directory when no file is named. */
    static final String[] DEFAULT_FILES = {"tarn.yaml", "tarn.yml", "tarn.properties"};

    private ConfigLoader() {
    }

    /**
     * @param file the file named by {@code --config}, or {@code null} for the one named by
     *     {@code TARN_CONFIG}, else a default file in {@code workingDirectory}
     * @param environment the process environment
     * @param flags values given on the command line, by config key
     */
    static TarnConfig load(Path file, Path workingDirectory, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        Path source = file;
        if (source == null && environment.containsKey("TARN_CONFIG")) {
            source = workingDirectory.resolve(environment.get("TARN_CONFIG"));
        }
        if (source == null) {
            source = findDefaultFile(workingDirectory);
        }
        if (source != null) {
            values.putAll(readFile(source));
        }
        for (String key : TarnConfig.KEYS) {
            String fromEnv = environment.get(envName(key));
            if (fromEnv != null) {
                values.put(key, fromEnv);
            }
        }
        values.putAll(flags);
        return TarnConfig.from(values, workingDirectory, source);
    }

    static String envName(String key) {
        return "TARN_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Path findDefaultFile(Path workingDirectory) {
        for (String name : DEFAULT_FILES) {
            Path candidate = workingDirectory.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The file's settings as dotted keys. @throws ConfigException naming the file and, for YAML, the line */
    static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("Cannot read config file " + file + ": no such file");
        }
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".properties")) {
                return readProperties(file);
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return readYaml(file);
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage(), e);
        }
        throw new ConfigException("Invalid config file " + file + ": expected a .yaml, .yml or .properties file");
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> values.put(k.trim(), properties.getProperty(k).trim()));
        return values;
    }

    private static Map<String, String> readYaml(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new ConfigException("Invalid config file " + file + at + ": " + e.getOriginalMessage().lines().findFirst().orElse("malformed YAML"), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            throw new ConfigException("Invalid config file " + file + ": expected a mapping of settings, found " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        flatten("", root, values, file);
        return values;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key, value, out, file);
            } else if (value.isArray()) {
                throw new ConfigException("Invalid config file " + file + ": '" + key + "' is a list; expected a single value");
            } else if (!value.isNull()) {
                out.put(key, value.asText());
            }
        }
    }
}
