package io.tarn.server.cli;

import picocli.CommandLine.Option;

/** {@code --amount}, {@code --after} and {@code --prefix} of the commands that list names. */
final class PagingOptions {
    @Option(names = "--amount", paramLabel = "N", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}; 0 or less for all).")
    int amount;

    @Option(names = "--after", paramLabel = "NAME", description = "Start after this name (what the previous listing ended with).")
    String after;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only names starting with this.")
    String prefix;

    TarnClient.Listing list(TarnClient client, String path) {
        return client.list(path, new TarnClient.Query().add("prefix", prefix), after, amount);
    }
}
