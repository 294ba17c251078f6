package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn fs download}: streams an object, or every object under a path, to local files. */
@Command(name = "download",
        description = {"Download an object to a local file, or with --recursive every object under a path into a directory.",
            "Each file is written to a temporary name and renamed when complete."})
public final class FsDownloadCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "URI", description = "lakefs://<repository>/<ref>/<path>")
    String location;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DESTINATION",
            description = "The local file or directory (default: the object's name, or with --recursive the current directory).")
    Path destination;

    @Option(names = {"-r", "--recursive"}, description = "Download every object under the path (as a directory: <path>/), keeping relative paths.")
    boolean recursive;

    @Option(names = {"-p", "--parallelism"}, paramLabel = "N", defaultValue = "4",
            description = "With --recursive, how many files to download at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Mixin
    ProgressOptions progress;

    @Override
    int execute() {
        if (recursive) {
            return downloadTree(TarnUri.withRef(location));
        }
        TarnUri uri = TarnUri.object(location);
        String name = uri.path().substring(uri.path().lastIndexOf('/') + 1);
        Path target = destination == null ? Path.of(name) : Files.isDirectory(destination) ? destination.resolve(name) : destination;
        TarnClient.Download download = client().download(uri.repository(), uri.ref(), uri.path());
        long written;
        try (Progress bar = progress.wanted(download.length(), false) ? Progress.start(err(), true, "Downloading " + name, download.length(), 0)
                : Progress.off()) {
            written = save(uri, download, target, bar);
        }
        ObjectNode doc = TarnClient.MAPPER.createObjectNode().put("path", uri.path()).put("destination", target.toString()).put("size_bytes", written);
        return print(doc, () -> out().println("Downloaded '" + uri + "' to '" + target + "' (" + written + " bytes)."));
    }

    private int downloadTree(TarnUri uri) {
        String prefix = uri.directoryPrefix();
        Path root = (destination == null ? Path.of("") : destination).toAbsolutePath().normalize();
        TarnClient client = client();
        List<JsonNode> files = new ArrayList<>();
        long total = 0;
        for (JsonNode o : FsCommand.objectsUnder(client, uri, prefix)) {
            String path = o.path("path").asText();
            String relative = path.substring(prefix.length());
            if (relative.isEmpty() || relative.endsWith("/")) {
                continue; // a directory marker: there is no file to write
            }
            Path target = root.resolve(relative).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new CliException(ExitCode.ERROR, "Cannot download '" + path + "': its path leads outside '" + root + "'");
            }
            files.add(TarnClient.MAPPER.createObjectNode().put("path", path).put("destination", target.toString()));
            total += o.path("size_bytes").asLong();
        }
        ArrayNode results = TarnClient.MAPPER.createArrayNode();
        try (Progress bar = progress.wanted(total, true) ? Progress.start(err(), true, "Downloading", total, files.size()) : Progress.off()) {
            results.addAll(ParallelTransfers.run(files, parallelism, file -> {
                String path = file.path("path").asText();
                TarnUri object = new TarnUri(uri.raw(), uri.repository(), uri.ref(), path);
                long written = save(object, client.download(uri.repository(), uri.ref(), path), Path.of(file.path("destination").asText()), bar);
                bar.fileDone();
                return ((ObjectNode) file).put("size_bytes", written);
            }));
        }
        long bytes = 0;
        for (JsonNode r : results) {
            bytes += r.path("size_bytes").asLong();
        }
        long received = bytes;
        ObjectNode doc = TarnClient.MAPPER.createObjectNode().put("files", results.size()).put("bytes", received);
        doc.set("results", results);
        return print(doc, () -> out().println("Downloaded " + results.size() + " files (" + Progress.size(received) + ") from 'lakefs://"
                + uri.repository() + "/" + uri.ref() + "/" + prefix + "' to '" + root + "'."));
    }

    /** Streams the body to a temporary file beside {@code target}, checks its length, then renames it. @return the bytes written */
    private static long save(TarnUri uri, TarnClient.Download download, Path target, Progress bar) {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = null;
        try (InputStream in = download.body()) {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tarn-download");
            temporary.toFile().deleteOnExit(); // gone even when Ctrl-C stops the download
            long written = 0;
            byte[] buffer = new byte[256 * 1024];
            try (OutputStream out = Files.newOutputStream(temporary)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    written += n;
                    bar.bytes(n);
                }
            }
            if (download.length() >= 0 && written != download.length()) {
                throw new CliException(ExitCode.ERROR, "Cannot download '" + uri + "': the connection ended after " + written + " of "
                        + download.length() + " bytes");
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
            return written;
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "Cannot download '" + uri + "' to '" + target + "': " + e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the failure above is what the user needs to hear about
                }
            }
        }
    }
}
