package io.tarn.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * A command that talks to the server: loads the client config, runs, and turns a failure into its
 * exit code and one line on stderr ({@code tarn: ...}), plus the conflicting paths of a merge. With
 * {@code --json}, what it prints on stdout is one JSON document, a failure included.
 */
abstract class ClientCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    private TarnClient client;

    /** Does the work; a failure is thrown as a {@link CliException}. @return the exit code */
    abstract int execute();

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CliException e) {
            report(e);
            return e.exitCode();
        } catch (RuntimeException e) {
            // A bug, not the user's doing: still one line, and the exit code of a failure.
            CliException failure = new CliException(ExitCode.ERROR, "Unexpected failure: " + e);
            report(failure);
            return failure.exitCode();
        } finally {
            out().flush();
        }
    }

    private void report(CliException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("tarn: " + e.getMessage());
        e.details().forEach(err::println);
        err.flush();
        if (options.json) {
            ObjectNode error = TarnClient.MAPPER.createObjectNode().put("message", e.getMessage()).put("exit_code", e.exitCode());
            if (e.body() != null) {
                e.body().fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("message")) {
                        error.set(f.getKey(), f.getValue());
                    }
                });
            }
            ObjectNode doc = TarnClient.MAPPER.createObjectNode();
            doc.set("error", error);
            printJson(doc);
        }
    }

    TarnClient client() {
        if (client == null) {
            client = new TarnClient(ClientConfig.load(options.config, System.getenv()));
        }
        return client;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return options.json;
    }

    void printJson(JsonNode document) {
        try {
            out().println(TarnClient.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode JSON output", e);
        }
    }

    /** Text for people, or the JSON document for machines. */
    int print(JsonNode document, Runnable text) {
        if (json()) {
            printJson(document);
        } else {
            text.run();
        }
        return ExitCode.OK;
    }

    /** Text for people, line by line, or the JSON document for machines. */
    int print(JsonNode document, String... lines) {
        return print(document, () -> {
            for (String line : lines) {
                out().println(line);
            }
        });
    }

    /** What a delete reports: {@code {"deleted": "<uri>"}}, or the line for people. */
    int printDeleted(TarnUri uri, String line) {
        return print(TarnClient.MAPPER.createObjectNode().put("deleted", uri.toString()), line);
    }

    /** A listing as one JSON document: {@code results}, {@code has_more} and {@code next_offset}. */
    static ObjectNode listing(TarnClient.Listing listing) {
        ObjectNode doc = TarnClient.MAPPER.createObjectNode();
        doc.set("results", listing.items());
        return doc.put("has_more", listing.hasMore()).put("next_offset", listing.nextOffset());
    }

    /** Prints a hint on stderr when a listing stopped at {@code --amount}. */
    void moreHint(TarnClient.Listing listing) {
        if (listing.hasMore()) {
            err().println("(more: run again with --after " + listing.nextOffset() + ")");
        }
    }

    /** Columns padded to their widest cell, the header first. */
    void table(List<String[]> rows, String... header) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.length];
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out().println(line.toString().stripTrailing());
        }
    }

    /** lakeFS's times are Unix seconds. */
    static String time(JsonNode seconds) {
        return Instant.ofEpochSecond(seconds.asLong()).toString();
    }

    /** {@code key=value} options (commit metadata) as a map. @throws CliException naming a pair without '=' */
    static Map<String, String> pairs(List<String> raw, String option) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw == null ? List.<String>of() : raw) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("Invalid " + option + " '" + pair + "': expected key=value");
            }
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    static ObjectNode object(Map<String, String> values) {
        ObjectNode out = TarnClient.MAPPER.createObjectNode();
        values.forEach(out::put);
        return out;
    }

    /** Asks before a destructive step unless {@code --yes}; without a terminal to ask on, refuses. */
    void confirm(boolean yes, String question, String refusal) {
        if (yes) {
            return;
        }
        var console = System.console();
        if (console == null) {
            throw CliException.usage(refusal + " without confirmation: pass --yes");
        }
        String answer = console.readLine("%s [y/N] ", question);
        if (answer == null || !Arrays.asList("y", "yes").contains(answer.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new CliException(ExitCode.ERROR, refusal + ": not confirmed");
        }
    }
}
