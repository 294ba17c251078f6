package io.tarn.server;

import io.tarn.gateway.HealthHandler;
import io.tarn.gateway.rest.RestApi;
import io.tarn.gateway.rest.ServerDescription;
import io.tarn.api.VersionControl;
import io.tarn.gateway.s3.S3ErrorPages;
import io.tarn.gateway.s3.S3Gateway;
import io.tarn.gateway.s3.upstream.UpstreamS3;
import java.time.Clock;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import io.tarn.graveler.Graveler;
import io.tarn.graveler.GravelerOptions;
import io.tarn.graveler.meta.LmdbMetadataStore;
import io.tarn.graveler.meta.MetadataStore;
import io.tarn.graveler.meta.MetadataStoreException;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Tarn: the metadata store, the blockstores and Jetty, opened in that order and closed in
 * the reverse. {@link #start} either returns a fully running server or leaves nothing open and throws
 * a {@link ConfigException} with one line for the user.
 */
final class TarnServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TarnServer.class);
    private static final byte[] HEALTH_PROBE_KEY = "health/probe".getBytes(StandardCharsets.UTF_8);

    private final TarnConfig config;
    private final List<AutoCloseable> resources;
    private final Server jetty;
    private final AdminCredentials credentials;
    private final URI endpoint;
    private final VersionControl engine;
    private final SelfSignedTls tls;

    private TarnServer(TarnConfig config, List<AutoCloseable> resources, Server jetty, AdminCredentials credentials, URI endpoint,
            VersionControl engine, SelfSignedTls tls) {
        this.engine = engine;
        this.tls = tls;
        this.config = config;
        this.resources = resources;
        this.jetty = jetty;
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    static TarnServer start(TarnConfig config, Map<String, String> environment) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            prepareDataDir(config.dataDir());
            MetadataStore metadata = openMetadata(config.metadataDir());
            opened.add(metadata);
            PluginDirectory plugins = PluginDirectory.open(config.pluginsDir(), TarnServer.class.getClassLoader());
            opened.add(plugins);
            BlockStores blockStores = BlockStores.open(plugins.classLoader(), config.properties(), environment);
            opened.add(blockStores);
            Graveler engine = new Graveler(metadata, blockStores, GravelerOptions.defaults(config.dataDir().resolve("cache")));
            opened.add(engine);
            UserStore users = new UserStore(metadata);
            AdminCredentials credentials = AdminCredentials.ensure(metadata, users);
            SelfSignedTls tls = config.tlsPort() < 0 ? null : SelfSignedTls.forConfig(config);
            Server jetty = newJetty(config, metadata, users, engine, tls);
            URI endpoint = startJetty(jetty, config);
            opened.add(jetty::stop);
            LOG.info("Tarn {} listening on {} with data in {}; blockstore plugins: {}", Version.current(), endpoint, config.dataDir(),
                    blockStores.describe());
            return new TarnServer(config, opened, jetty, credentials, endpoint, engine, tls);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    private static void prepareDataDir(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException("Cannot use data directory " + dir + ": it exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigException("Cannot use data directory " + dir + ": it is not writable (" + describe(e) + ")", e);
        }
    }

    private static MetadataStore openMetadata(Path dir) {
        try {
            return LmdbMetadataStore.open(dir);
        } catch (MetadataStoreException e) {
            throw new ConfigException("Cannot open the metadata store in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Server newJetty(TarnConfig config, MetadataStore metadata, UserStore users, VersionControl engine, SelfSignedTls tls) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("tarn-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // S3 keys may hold '//', '%2F', '..' segments and other things a web server would refuse.
        http.setUriCompliance(UriCompliance.UNSAFE);
        // Headers must reach the signature check exactly as sent: Jetty would otherwise swap in its
        // own spelling of common values (Content-Type: text/plain; charset=utf-8).
        http.setHeaderCacheCaseSensitive(true);
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.listenAddress());
        connector.setPort(config.port());
        server.addConnector(connector);
        if (tls != null) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(tls.keystore().toString());
            ssl.setKeyStorePassword(tls.password());
            ssl.setKeyStoreType("PKCS12");
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // clients connect to 127.0.0.1 as often as to localhost
            https.addCustomizer(secure);
            ServerConnector tlsConnector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
            tlsConnector.setHost(config.listenAddress());
            tlsConnector.setPort(config.tlsPort());
            server.addConnector(tlsConnector);
        }
        UpstreamS3 upstream = config.upstream().map(UpstreamS3::new).orElse(null);
        server.setHandler(new HealthHandler(Version.current(), Map.of("metadata", () -> {
            metadata.get(HEALTH_PROBE_KEY);
            return true;
        }), new RestApi(engine, users, new ServerDescription(Version.current(), config.namespacePrefixType(), config.namespacePrefix()),
                new S3Gateway(engine, users, config.namespacePrefix(), config.virtualHosts(), upstream, Clock.systemUTC()))));
        server.setErrorHandler(new S3ErrorPages());
        server.setStopTimeout(10_000);
        return server;
    }

    private static URI startJetty(Server jetty, TarnConfig config) {
        try {
            jetty.start();
        } catch (Exception e) {
            String where = config.listenAddress() + ":" + config.port();
            if (causedBy(e, BindException.class)) {
                throw new ConfigException("Cannot listen on " + where + ": the address is in use or not available here"
                        + " (choose another with --port / TARN_LISTEN_PORT or --address / TARN_LISTEN_ADDRESS)", e);
            }
            throw new ConfigException("Cannot start the HTTP server on " + where + ": " + describe(e), e);
        }
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        String host = config.listenAddress().contains(":") ? "[" + config.listenAddress() + "]" : config.listenAddress();
        return URI.create("http://" + host + ":" + port);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    URI endpoint() {
        return endpoint;
    }

    /** The HTTPS endpoint, or {@code null} when HTTPS is off. */
    URI httpsEndpoint() {
        if (tls == null) {
            return null;
        }
        int port = ((ServerConnector) jetty.getConnectors()[1]).getLocalPort();
        String host = config.listenAddress().contains(":") ? "[" + config.listenAddress() + "]" : config.listenAddress();
        return URI.create("https://" + host + ":" + port);
    }

    SelfSignedTls tls() {
        return tls;
    }

    /** The versioning engine. */
    VersionControl engine() {
        return engine;
    }

    AdminCredentials credentials() {
        return credentials;
    }

    TarnConfig config() {
        return config;
    }

    /** Blocks until the server stops. */
    void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops Jetty (letting requests in flight finish), then closes the blockstores and the metadata store. */
    @Override
    public void close() {
        closeAll(resources, null);
        LOG.info("Tarn stopped");
    }

    private static void closeAll(List<AutoCloseable> resources, RuntimeException primary) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else {
                    LOG.warn("Cannot close {} cleanly: {}", resources.get(i), e.toString());
                }
            }
        }
        resources.clear();
    }
}
