package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn fs upload}: streams a local file, or a directory tree, to a branch. */
@Command(name = "upload",
        description = {"Upload a local file to an object on a branch, or with --recursive a directory tree under a path.",
            "The changes are uncommitted until 'tarn commit'."})
public final class FsUploadCommand extends ClientCommand {
    @Parameters(paramLabel = "URI",
            description = "lakefs://<repository>/<branch>/<path>; a path ending with '/' takes the file's name, and with --recursive it is the directory")
    String location;

    @Option(names = {"-s", "--source"}, required = true, paramLabel = "PATH", description = "The local file (or directory, with --recursive).")
    Path source;

    @Option(names = {"-r", "--recursive"}, description = "Upload every file below the source directory, keeping their relative paths.")
    boolean recursive;

    @Option(names = "--content-type", paramLabel = "TYPE", defaultValue = "application/octet-stream",
            description = "The objects' content type (default: ${DEFAULT-VALUE}).")
    String contentType;

    @Option(names = {"-p", "--parallelism"}, paramLabel = "N", defaultValue = "4",
            description = "With --recursive, how many files to upload at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Mixin
    ProgressOptions progress;

    @Override
    int execute() {
        TarnUri uri = TarnUri.withRef(location);
        if (!Files.exists(source)) {
            throw new CliException(ExitCode.ERROR, "Cannot upload '" + source + "': no such file or directory");
        }
        if (Files.isDirectory(source) && !recursive) {
            throw CliException.usage("Cannot upload directory '" + source + "' without --recursive");
        }
        if (recursive) {
            if (!Files.isDirectory(source)) {
                throw CliException.usage("Cannot upload '" + source + "' with --recursive: it is not a directory");
            }
            return uploadTree(uri);
        }
        String path = uri.path().isEmpty() || uri.path().endsWith("/") ? uri.path() + source.getFileName() : uri.path();
        long size = size(source);
        JsonNode stats;
        try (Progress bar = progress.wanted(size, false) ? Progress.start(err(), true, "Uploading " + source.getFileName(), size, 0) : Progress.off()) {
            stats = client().upload(uri.repository(), uri.ref(), path, source, contentType, bar::bytes);
        }
        return print(stats, () -> out().println("Uploaded '" + source + "' to 'lakefs://" + uri.repository() + "/" + uri.ref() + "/" + path + "' ("
                + stats.path("size_bytes").asLong() + " bytes, checksum " + stats.path("checksum").asText() + ")."));
    }

    private int uploadTree(TarnUri uri) {
        String prefix = uri.directoryPrefix();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "Cannot read directory '" + source + "': " + e.getMessage());
        }
        long total = 0;
        for (Path f : files) {
            total += size(f);
        }
        TarnClient client = client();
        ArrayNode uploaded = TarnClient.MAPPER.createArrayNode();
        try (Progress bar = progress.wanted(total, true) ? Progress.start(err(), true, "Uploading", total, files.size()) : Progress.off()) {
            uploaded.addAll(ParallelTransfers.run(files, parallelism, f -> {
                StringBuilder relative = new StringBuilder();
                for (Path part : source.relativize(f)) {
                    relative.append(relative.length() == 0 ? "" : "/").append(part);
                }
                JsonNode stats = client.upload(uri.repository(), uri.ref(), prefix + relative, f, contentType, bar::bytes);
                bar.fileDone();
                return stats;
            }));
        }
        long bytes = 0;
        for (JsonNode stats : uploaded) {
            bytes += stats.path("size_bytes").asLong();
        }
        long sent = bytes;
        ObjectNode doc = TarnClient.MAPPER.createObjectNode().put("files", uploaded.size()).put("bytes", sent);
        doc.set("results", uploaded);
        return print(doc, () -> out().println("Uploaded " + uploaded.size() + " files (" + Progress.size(sent) + ") from '" + source + "' to 'lakefs://"
                + uri.repository() + "/" + uri.ref() + "/" + prefix + "'."));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "Cannot read '" + file + "': " + e.getMessage());
        }
    }
}
