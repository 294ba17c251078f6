package io.tarn.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.Console;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tarn config}: writes the client's config file, asking on a terminal for what the options leave out. */
@Command(name = "config",
        description = {"Write the client's config file (~/.tarn.yaml, or --config FILE): endpoint and keys, readable by you only.",
            "What the options leave out is asked for on a terminal (the secret without echo), or kept from the existing file."})
public final class ConfigCommand extends ClientCommand {
    @Option(names = "--endpoint-url", paramLabel = "URL", description = "The server, e.g. http://127.0.0.1:8000 (server.endpoint_url).")
    String endpoint;

    @Option(names = "--access-key-id", paramLabel = "ID", description = "The access key id (credentials.access_key_id).")
    String accessKeyId;

    @Option(names = "--secret-access-key", paramLabel = "SECRET",
            description = "The secret (credentials.secret_access_key); better typed at the prompt, out of the shell's history.")
    String secret;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Certificates to trust for an https endpoint (server.ca_file).")
    String caFile;

    @Override
    int execute() {
        Path file = options.config != null ? options.config : ClientConfig.defaultFile(System.getenv());
        Map<String, String> values = Files.isRegularFile(file) ? ClientConfig.readFile(file) : new LinkedHashMap<>();
        Console console = System.console();
        set(values, ClientConfig.ENDPOINT_KEY, endpoint, console, "Endpoint URL", false);
        set(values, ClientConfig.ACCESS_KEY_ID_KEY, accessKeyId, console, "Access key id", false);
        set(values, ClientConfig.SECRET_KEY, secret, console, "Secret access key", true);
        if (caFile != null) {
            values.put(ClientConfig.CA_FILE_KEY, caFile);
        }
        ClientConfig.endpoint(values.get(ClientConfig.ENDPOINT_KEY), "--endpoint-url");
        ObjectNode root = TarnClient.MAPPER.createObjectNode();
        values.forEach((key, value) -> {
            int dot = key.indexOf('.');
            ObjectNode section = root.has(key.substring(0, dot)) ? (ObjectNode) root.get(key.substring(0, dot)) : root.putObject(key.substring(0, dot));
            section.put(key.substring(dot + 1), value);
        });
        write(file, root);
        ObjectNode result = TarnClient.MAPPER.createObjectNode().put("config", file.toString())
                .put("endpoint_url", values.get(ClientConfig.ENDPOINT_KEY)).put("access_key_id", values.get(ClientConfig.ACCESS_KEY_ID_KEY));
        return print(result, () -> out().println("Wrote " + file + ": endpoint " + values.get(ClientConfig.ENDPOINT_KEY) + ", access key id "
                + values.get(ClientConfig.ACCESS_KEY_ID_KEY) + "."));
    }

    /** The option's value, else the answer at the prompt, else the file's value; none of them is a usage error. */
    private static void set(Map<String, String> values, String key, String option, Console console, String prompt, boolean secret) {
        String value = option;
        if ((value == null || value.isBlank()) && console != null) {
            String current = values.get(key);
            String hint = current == null ? "" : secret ? " [keep]" : " [" + current + "]";
            value = secret ? new String(console.readPassword("%s%s: ", prompt, hint)) : console.readLine("%s%s: ", prompt, hint);
        }
        if (value != null && !value.isBlank()) {
            values.put(key, value.trim());
        }
        if (!values.containsKey(key)) {
            throw CliException.usage("Cannot write the config: " + key + " is missing (pass --"
                    + prompt.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ")");
        }
    }

    /** Owner-only permissions where the file system has them: the file holds a secret. */
    private static void write(Path file, ObjectNode root) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".tarn", ".yaml");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            new ObjectMapper(new YAMLFactory()).writeValue(temporary.toFile(), root);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "Cannot write config file " + file + ": " + e.getMessage());
        }
    }
}
