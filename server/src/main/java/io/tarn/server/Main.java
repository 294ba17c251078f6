package io.tarn.server;

import io.tarn.server.cli.BranchCommand;
import io.tarn.server.cli.CherryPickCommand;
import io.tarn.server.cli.CommitCommand;
import io.tarn.server.cli.ConfigCommand;
import io.tarn.server.cli.DiffCommand;
import io.tarn.server.cli.FsCommand;
import io.tarn.server.cli.ImportCommand;
import io.tarn.server.cli.LogCommand;
import io.tarn.server.cli.MergeCommand;
import io.tarn.server.cli.RepoCommand;
import io.tarn.server.cli.ResetCommand;
import io.tarn.server.cli.RevertCommand;
import io.tarn.server.cli.TagCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tarn} executable: {@code java -jar tarn.jar <command>}. */
@Command(
        name = "tarn",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Git-style version control for object storage.",
        subcommands = {RunCommand.class, RepoCommand.class, BranchCommand.class, CommitCommand.class, LogCommand.class,
            DiffCommand.class, MergeCommand.class, TagCommand.class, RevertCommand.class, CherryPickCommand.class, ResetCommand.class,
            FsCommand.class, ImportCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'tarn help <command>' for a command's options."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code: 0 success, 1 failure, 2 usage or configuration error. */
    static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("tarn: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tarn " + Version.current()};
        }
    }
}
