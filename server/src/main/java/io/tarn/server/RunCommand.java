package io.tarn.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tarn run}: starts the server and serves until SIGTERM or Ctrl-C. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Start the Tarn server (S3 gateway and REST API) and serve until stopped with SIGTERM or Ctrl-C.",
        footer = {
            "",
            "Configuration, each source overriding the one before:",
            "  1. defaults",
            "  2. the config file: --config, else TARN_CONFIG, else ./tarn.yaml, ./tarn.yml or",
            "     ./tarn.properties if present (YAML nesting or dotted keys)",
            "  3. environment variables TARN_<KEY>: upper case, '.' and '-' as '_'",
            "  4. the flags above",
            "",
            "Keys:",
            "  listen.address         address to bind (default 127.0.0.1)  TARN_LISTEN_ADDRESS",
            "  listen.port            TCP port, 0 picks a free one (default 8000)  TARN_LISTEN_PORT",
            "  data.dir               metadata (meta/) and local blocks (blocks/) (default ./data)",
            "                         TARN_DATA_DIR",
            "  log.level              error, warn, info, debug or trace (default info)  TARN_LOG_LEVEL",
            "  blockstore.local.root  the local blockstore's directory (default <data.dir>/blocks)",
            "                         TARN_BLOCKSTORE_LOCAL_ROOT",
            "  blockstore.<type>.*    settings of a storage plugin, each also TARN_BLOCKSTORE_<TYPE>_<KEY>",
            "  s3.domain              domains for virtual-host style buckets, comma-separated: with",
            "                         s3.example.com, my-repo.s3.example.com is bucket my-repo",
            "                         (default none: path style only)  TARN_S3_DOMAIN",
            "  upstream.endpoint      an S3 to forward requests for buckets that are not repositories",
            "                         to (default none)  TARN_UPSTREAM_ENDPOINT",
            "  upstream.region        the region to sign for (default us-east-1)  TARN_UPSTREAM_REGION",
            "  upstream.access_key_id, upstream.secret_access_key",
            "                         the upstream's keys  TARN_UPSTREAM_ACCESS_KEY_ID,",
            "                         TARN_UPSTREAM_SECRET_ACCESS_KEY",
            "",
            "On first start Tarn creates an admin access key and prints it once.",
            "Exit codes: 0 stopped cleanly, 1 failed while running, 2 bad usage or configuration."
        })
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (.yaml, .yml or .properties).")
    Path configFile;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "Address to listen on (listen.address).")
    String address;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (listen.port).")
    String port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (data.dir).")
    String dataDir;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "Log level (log.level).")
    String logLevel;

    @Option(names = "--tls-port", paramLabel = "PORT",
            description = "Also serve HTTPS on this port (tls.port), with tls.keystore or a generated self-signed certificate.")
    String tlsPort;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = System.getenv();
        Map<String, String> flags = new LinkedHashMap<>();
        putIfSet(flags, TarnConfig.LISTEN_ADDRESS, address);
        putIfSet(flags, TarnConfig.LISTEN_PORT, port);
        putIfSet(flags, TarnConfig.DATA_DIR, dataDir);
        putIfSet(flags, TarnConfig.LOG_LEVEL, logLevel);
        putIfSet(flags, TarnConfig.TLS_PORT, tlsPort);
        TarnConfig config = ConfigLoader.load(configFile, Path.of("").toAbsolutePath(), env, flags);
        setLogLevel(config.logLevel());

        TarnServer server = TarnServer.start(config, env);
        Thread hook = new Thread(server::close, "tarn-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printBanner(spec.commandLine().getOut(), server);
        server.join();
        return 0;
    }

    private static void putIfSet(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }

    private static void setLogLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level));
        }
    }

    static void printBanner(PrintWriter out, TarnServer server) {
        AdminCredentials keys = server.credentials();
        String endpoint = server.endpoint().toString();
        out.println("Tarn " + Version.current() + " is running.");
        out.println("  Endpoint:       " + endpoint + "   (health: " + endpoint + "/_health)");
        if (server.httpsEndpoint() != null) {
            out.println("  HTTPS endpoint: " + server.httpsEndpoint());
            if (server.tls().caFile() != null) {
                out.println("  CA file:        " + server.tls().caFile() + "   (self-signed: pass it to clients, e.g. verify=...)");
            }
        }
        out.println("  Data directory: " + server.config().dataDir());
        for (String domain : server.config().virtualHosts().domains()) {
            out.println("  Virtual hosts:  <bucket>." + domain);
        }
        server.config().upstream().ifPresent(upstream ->
                out.println("  Upstream S3:    " + upstream.endpoint() + "   (buckets that are not repositories)"));
        out.println("  Access key id:  " + keys.accessKeyId());
        if (keys.createdNow()) {
            out.println("  Secret key:     " + keys.secretAccessKey());
            out.println("  The secret is shown only this once: store it now.");
            out.println();
            out.println("Use it from Python (boto3):");
            out.println("  import boto3");
            out.println("  s3 = boto3.client(\"s3\", endpoint_url=\"" + endpoint + "\",");
            out.println("                    aws_access_key_id=\"" + keys.accessKeyId() + "\",");
            out.println("                    aws_secret_access_key=\"" + keys.secretAccessKey() + "\",");
            out.println("                    region_name=\"us-east-1\")");
        } else {
            out.println("  Secret key:     (shown at first start only)");
        }
        out.println();
        out.println("Stop with Ctrl-C or SIGTERM.");
        out.flush();
    }
}
