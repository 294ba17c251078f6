package io.tarn.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** A command that only holds sub-commands ({@code tarn repo}): alone, it prints its usage on stderr, a usage error. */
abstract class CommandGroup implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("tarn " + spec.name() + ": a sub-command is missing");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
