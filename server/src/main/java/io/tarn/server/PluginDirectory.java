package io.tarn.server;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blockstore plugins installed without rebuilding Tarn: every {@code *.jar} in the plugins directory
 * ({@code plugins.dir}, by default {@code <data.dir>/plugins}) joins the class path that
 * {@link java.util.ServiceLoader} searches for {@code BlockStoreProvider}s, after Tarn's own. A
 * missing directory means no extra plugins. The loader stays open while the server runs.
 */
final class PluginDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginDirectory.class);

    private final URLClassLoader loader;
    private final List<Path> jars;

    private PluginDirectory(URLClassLoader loader, List<Path> jars) {
        this.loader = loader;
        this.jars = jars;
    }

    /**
     * @throws ConfigException when the directory exists but cannot be read, naming it
     */
    static PluginDirectory open(Path directory, ClassLoader parent) {
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> found = Files.newDirectoryStream(directory, "*.jar")) {
                found.forEach(jars::add);
            } catch (IOException e) {
                throw new ConfigException("Cannot read the plugins directory " + directory + ": " + e.getMessage(), e);
            }
        } else if (Files.exists(directory)) {
            throw new ConfigException("Cannot use plugins directory " + directory + ": it is not a directory");
        }
        jars.sort(null);
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ConfigException("Cannot load plugin " + jar + ": " + e.getMessage(), e);
            }
        }
        if (!jars.isEmpty()) {
            LOG.debug("Loading plugin jars from {}: {}", directory, jars.stream().map(p -> p.getFileName().toString()).toList());
        }
        return new PluginDirectory(new URLClassLoader("tarn-plugins", urls.toArray(URL[]::new), parent), List.copyOf(jars));
    }

    /** Tarn's classes and the plugin jars'. */
    ClassLoader classLoader() {
        return loader;
    }

    List<Path> jars() {
        return jars;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
