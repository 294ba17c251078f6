package io.tarn.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.server.cli.TarnClient.Query;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tarn fs ls|stat|cat|upload|download|rm}: objects on {@code lakefs://repository/ref/path} URIs. */
@Command(name = "fs", description = "List, read, upload, download and delete objects.",
        subcommands = {FsCommand.ListObjects.class, FsCommand.Stat.class, FsCommand.Cat.class, FsUploadCommand.class, FsDownloadCommand.class,
            FsCommand.Remove.class})
public final class FsCommand extends CommandGroup {

    /** Every object under a prefix at a ref, in path order. */
    static ArrayNode objectsUnder(TarnClient client, TarnUri uri, String prefix) {
        return client.list(TarnClient.path("repositories", uri.repository(), "refs", uri.ref(), "objects", "ls"),
                new Query().add("prefix", prefix).add("user_metadata", "false"), null, 0).items();
    }

    @Command(name = "ls",
            description = "List the objects and common prefixes ('directories') under a path; --recursive lists every object below it.")
    static final class ListObjects extends ClientCommand {
        @Parameters(paramLabel = "URI", description = "lakefs://<repository>/<ref>[/<path>]")
        String location;

        @Option(names = {"-r", "--recursive"}, description = "List every object below the path, not only the first level.")
        boolean recursive;

        @Override
        int execute() {
            TarnUri uri = TarnUri.withRef(location);
            String prefix = uri.directoryPrefix();
            TarnClient.Listing listing = client().list(TarnClient.path("repositories", uri.repository(), "refs", uri.ref(), "objects", "ls"),
                    new Query().add("prefix", prefix).add("delimiter", recursive ? null : "/"), null, 0);
            return print(listing(listing), () -> {
                for (JsonNode o : listing.items()) {
                    String relative = o.path("path").asText().substring(prefix.length());
                    boolean isPrefix = o.path("path_type").asText().equals("common_prefix");
                    out().println(String.format("%-6s  %-20s  %10s  %s", isPrefix ? "prefix" : "object", isPrefix ? "" : time(o.path("mtime")),
                            isPrefix ? "" : Progress.size(o.path("size_bytes").asLong()), relative));
                }
            });
        }
    }

    @Command(name = "stat", description = "Show an object's size, checksum, content type, metadata and address.")
    static final class Stat extends ClientCommand {
        @Parameters(paramLabel = "URI", description = "lakefs://<repository>/<ref>/<path>")
        String location;

        @Override
        int execute() {
            TarnUri uri = TarnUri.object(location);
            JsonNode s = client().get(TarnClient.path("repositories", uri.repository(), "refs", uri.ref(), "objects", "stat"),
                    new Query().add("path", uri.path()));
            return print(s, () -> {
                out().println("Path:             " + s.path("path").asText());
                out().println("Modified time:    " + time(s.path("mtime")));
                out().println("Size:             " + s.path("size_bytes").asLong() + " bytes (" + Progress.size(s.path("size_bytes").asLong()) + ")");
                out().println("Checksum:         " + s.path("checksum").asText());
                out().println("Content type:     " + s.path("content_type").asText());
                out().println("Physical address: " + s.path("physical_address").asText());
                s.path("metadata").fields().forEachRemaining(f -> out().println("Metadata:         " + f.getKey() + " = " + f.getValue().asText()));
            });
        }
    }

    @Command(name = "cat", description = "Write an object's bytes to stdout.")
    static final class Cat extends ClientCommand {
        @Parameters(paramLabel = "URI", description = "lakefs://<repository>/<ref>/<path>")
        String location;

        @Override
        int execute() {
            if (json()) {
                throw CliException.usage("Invalid --json for fs cat: it writes the object's bytes; use fs stat --json for its details");
            }
            TarnUri uri = TarnUri.object(location);
            TarnClient.Download download = client().download(uri.repository(), uri.ref(), uri.path());
            OutputStream stdout = new FileOutputStream(FileDescriptor.out);
            try (InputStream in = download.body()) {
                in.transferTo(stdout);
                stdout.flush();
            } catch (IOException e) {
                throw new CliException(ExitCode.ERROR, "Cannot read '" + uri + "': " + e.getMessage());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "rm", description = "Delete an object from a branch, or with --recursive every object under a path.")
    static final class Remove extends ClientCommand {
        /** The API's limit on one batch delete. */
        private static final int BATCH = 1000;

        @Parameters(paramLabel = "URI", description = "lakefs://<repository>/<branch>/<path>")
        String location;

        @Option(names = {"-r", "--recursive"}, description = "Delete every object under the path (as a directory: <path>/).")
        boolean recursive;

        @Mixin
        ProgressOptions progress;

        @Override
        int execute() {
            if (!recursive) {
                TarnUri uri = TarnUri.object(location);
                client().send("DELETE", TarnClient.path("repositories", uri.repository(), "branches", uri.ref(), "objects"),
                        new Query().add("path", uri.path()), null);
                ObjectNode doc = TarnClient.MAPPER.createObjectNode().put("deleted", 1);
                doc.putArray("paths").add(uri.path());
                return print(doc, () -> out().println("Deleted '" + uri + "'."));
            }
            TarnUri uri = TarnUri.withRef(location);
            String prefix = uri.directoryPrefix();
            ArrayNode objects = objectsUnder(client(), uri, prefix);
            ArrayNode deleted = TarnClient.MAPPER.createArrayNode();
            String deletePath = TarnClient.path("repositories", uri.repository(), "branches", uri.ref(), "objects", "delete");
            try (Progress bar = progress.wanted(0, true) ? Progress.start(err(), true, "Deleting", 0, objects.size()) : Progress.off()) {
                for (int from = 0; from < objects.size(); from += BATCH) {
                    ObjectNode body = TarnClient.MAPPER.createObjectNode();
                    ArrayNode paths = body.putArray("paths");
                    for (int i = from; i < Math.min(objects.size(), from + BATCH); i++) {
                        paths.add(objects.get(i).path("path").asText());
                    }
                    JsonNode answer = client().send("POST", deletePath, new Query(), body);
                    JsonNode errors = answer == null ? TarnClient.MAPPER.createArrayNode() : answer.path("errors");
                    if (!errors.isEmpty()) {
                        List<String> lines = new ArrayList<>();
                        errors.forEach(e -> lines.add("failed: " + e.path("path").asText() + ": " + e.path("message").asText()));
                        throw new CliException(ExitCode.ERROR, "Cannot delete " + errors.size() + " of the objects under '" + uri + "'", lines, answer);
                    }
                    for (JsonNode p : paths) {
                        deleted.add(p);
                        bar.fileDone();
                    }
                }
            }
            ObjectNode doc = TarnClient.MAPPER.createObjectNode().put("deleted", deleted.size());
            doc.set("paths", deleted);
            return print(doc, () -> out().println("Deleted " + deleted.size() + " objects under '" + uri.repository() + "/" + uri.ref() + "/" + prefix + "'."));
        }
    }
}
