package io.tarn.blockstore.local;

import com.sun.net.httpserver.HttpServer;
import io.tarn.blockstore.spi.BlockStore;
import io.tarn.blockstore.spi.BlockStoreConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP endpoint that serves a local store's presigned URLs: the JDK's own {@link HttpServer}
 * on the configured address, its requests handled by {@link PresignedObjectHandler} on a few
 * threads.
 *
 * <p><b>Load.</b> At most {@value #THREADS} requests run at once and {@value #QUEUED} more wait;
 * beyond that the server closes new connections (the JDK server's answer to a full executor).
 * Idle, the endpoint holds no worker threads.
 *
 * <p><b>Lifecycle.</b> Listening when {@link #start} returns; {@link #close} stops listening and
 * cuts off requests in progress (a PUT cut off stores nothing). The JDK server's dispatcher thread is
 * not a daemon: an endpoint must be closed for its JVM to exit. Thread-safe.
 */
final class PresignEndpoint implements AutoCloseable {
    static final int THREADS = 8;
    static final int QUEUED = 64;
    private static final AtomicInteger ENDPOINTS = new AtomicInteger();
    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final PresignedUrls urls;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PresignEndpoint(HttpServer server, ThreadPoolExecutor workers, PresignedUrls urls) {
        this.server = server;
        this.workers = workers;
        this.urls = urls;
    }

    /**
     * Binds {@code config.listen()} and starts serving {@code store}'s objects.
     *
     * @throws BlockStoreConfigException naming the property and address when it cannot be bound
     */
    static PresignEndpoint start(LocalBlockStoreConfig.Presign config, BlockStore store, Clock clock) {
        HttpServer server;
        try {
            server = HttpServer.create(config.listen(), 0);
        } catch (IOException e) {
            throw new BlockStoreConfigException("Cannot listen on blockstore.local." + LocalBlockStoreConfig.PRESIGN_LISTEN + " '"
                    + hostForUrl(config.listen()) + ":" + config.listen().getPort() + "': " + e.getMessage(), e);
        }
        URI base = config.url() != null ? config.url() : URI.create("http://" + hostForUrl(config.listen()) + ":" + server.getAddress().getPort());
        PresignedUrls urls = new PresignedUrls(base, config.secret(), clock);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
                daemonThreads("tarn-local-presign-" + ENDPOINTS.incrementAndGet() + "-"));
        workers.allowCoreThreadTimeOut(true);
        server.createContext("/", new PresignedObjectHandler(store, urls));
        server.setExecutor(workers);
        server.start();
        return new PresignEndpoint(server, workers, urls);
    }

    /** A URL allowing {@code method} on {@code key} for {@code expiry}; see {@link PresignedUrls#sign}. */
    URI sign(String method, String key, Duration expiry) {
        return urls.sign(method, key, expiry);
    }

    /** Stops listening and cuts off requests in progress. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            workers.shutdownNow();
        }
    }

    /** The host as configured (no reverse lookup), in brackets when it is an IPv6 address. */
    private static String hostForUrl(InetSocketAddress address) {
        String host = address.getHostString();
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
