package io.tarn.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The gateway benchmark's baseline: what Jetty 12 and the disk can do on this machine with no S3 in
 * between. A bare handler on the same Jetty set-up as Tarn's (default thread pool, one HTTP/1.1
 * connector on 127.0.0.1) that stores a PUT body in a file named after the request path and serves
 * a GET from it. Nothing is parsed, authenticated, hashed or recorded.
 *
 * <p>It is as durable as Tarn's local blockstore, so the comparison measures the gateway rather than
 * a difference in durability: the body goes to a temporary file, which is fsynced, renamed into place,
 * and its directory fsynced, before the answer. Request chunks are written to the file as Jetty hands
 * them over; a GET is Jetty's own file content source (64 KiB pooled direct buffers) copied to the
 * response.
 *
 * <p>Run as {@code java -cp tarn-benchmarks.jar io.tarn.benchmarks.BaselineServer <dir>}; it prints
 * its endpoint as Tarn does ({@code Endpoint: http://127.0.0.1:<port>}) and stops on SIGTERM.
 */
public final class BaselineServer {
    private static final int BUFFER_BYTES = 1 << 16;

    private BaselineServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BaselineServer <directory for the files>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("baseline-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new FileHandler(dir));
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("Baseline: a bare Jetty " + Jetty.VERSION + " handler storing bodies in " + dir);
        System.out.println("  Endpoint:       http://127.0.0.1:" + connector.getLocalPort());
        System.out.println("Stop with SIGTERM.");
        System.out.flush();
        server.join();
    }

    /** PUT writes the file, GET reads it; the path, slashes flattened, is the file's name. */
    private static final class FileHandler extends Handler.Abstract {
        private final Path dir;
        private final AtomicLong uploads = new AtomicLong();

        FileHandler(Path dir) {
            this.dir = dir;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws IOException {
            String name = Request.getPathInContext(request).replaceFirst("^/+", "").replace('/', '_');
            if (name.isEmpty() || name.startsWith(".")) {
                Response.writeError(request, response, callback, 400, "Invalid path: expected /<bucket>/<key>");
                return true;
            }
            Path file = dir.resolve(name);
            switch (request.getMethod()) {
                case "PUT" -> new Upload(request, response, callback, file, dir.resolve(".upload-" + uploads.incrementAndGet())).run();
                case "GET" -> serve(request, response, callback, file);
                default -> Response.writeError(request, response, callback, 405, "Only PUT and GET");
            }
            return true;
        }

        private static void serve(Request request, Response response, Callback callback, Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                Response.writeError(request, response, callback, 404, "No such file");
                return;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Files.size(file));
            ByteBufferPool.Sized buffers = new ByteBufferPool.Sized(request.getComponents().getByteBufferPool(), true, BUFFER_BYTES);
            Content.copy(Content.Source.from(buffers, file), response, callback);
        }
    }

    /** One PUT body on its way to a file: reads while chunks are there, asks to be run again when they are not. */
    private static final class Upload implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Path target;
        private final Path temp;
        private FileChannel out;

        Upload(Request request, Response response, Callback callback, Path target, Path temp) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.target = target;
            this.temp = temp;
        }

        @Override
        public void run() {
            try {
                if (out == null) {
                    out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                }
                while (true) {
                    Content.Chunk chunk = request.read();
                    if (chunk == null) {
                        request.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        fail(chunk.getFailure());
                        return;
                    }
                    boolean last = chunk.isLast();
                    try {
                        ByteBuffer bytes = chunk.getByteBuffer();
                        while (bytes.hasRemaining()) {
                            out.write(bytes);
                        }
                    } finally {
                        chunk.release();
                    }
                    if (last) {
                        finish();
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }

        private void finish() throws IOException {
            out.force(true);
            out.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
            callback.succeeded();
        }

        private void fail(Throwable failure) {
            try {
                if (out != null) {
                    out.close();
                }
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            callback.failed(failure);
        }
    }
}
