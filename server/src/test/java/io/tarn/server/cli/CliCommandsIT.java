package io.tarn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.server.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every client command, run in this JVM (picocli with captured stdout and stderr, for speed) against
 * the packaged server in its own process: text output, {@code --json} documents and exit codes.
 * {@link CliIT} runs the core flow as separate processes.
 */
class CliCommandsIT {
    @TempDir
    static Path serverDir;
    private static TarnServerProcess server;
    private static Path config;
    private static int repositories;

    @TempDir
    Path work;
    private String repo;

    @BeforeAll
    static void startServer() throws IOException {
        server = TarnServerProcess.start(serverDir);
        config = Files.writeString(serverDir.resolve("client.yaml"), server.configYaml(server.accessKeyId, server.secretAccessKey));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    /** Each test gets a repository of its own with one committed object, data/a.txt = "a". */
    @BeforeEach
    void createRepository() throws IOException {
        repo = "lakefs://cmds-" + (++repositories);
        tarn("repo", "create", repo, "local://" + repo.substring("lakefs://".length())).ok();
        upload("main", "data/a.txt", "a");
        tarn("commit", repo + "/main", "-m", "add a").ok();
    }

    static CliRun tarn(String... args) {
        return tarn(config, args);
    }

    /** Runs {@code tarn args... --config configFile} in this JVM, capturing stdout and stderr. */
    static CliRun tarn(Path configFile, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", configFile.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        return new CliRun(exit, out.toString(), err.toString());
    }

    private void upload(String branch, String path, String content) throws IOException {
        Path file = Files.writeString(Files.createTempFile(work, "upload", ".txt"), content);
        tarn("fs", "upload", repo + "/" + branch + "/" + path, "-s", file.toString()).ok();
    }

    private String headOf(String branch) {
        return tarn("branch", "show", repo + "/" + branch, "--json").ok().json().path("commit_id").asText();
    }

    @Test
    void importBringsExistingObjectsInAsOneCommitWithoutCopyingThem() throws IOException {
        // Files another program wrote to the server's local blockstore, outside any repository: local://ext/logs/...
        Path source = Files.createDirectories(serverDir.resolve("data/blocks/ext%2F/logs%2F"));
        Files.writeString(source.resolve("one.txt"), "1");
        Files.writeString(source.resolve("two.txt"), "22");

        CliRun run = tarn("import", repo + "/main", "--from", "local://ext/logs/", "--to", "imported/", "-m", "import logs").ok();

        assertThat(run.out()).startsWith("Imported 2 objects from local://ext/logs/ into " + repo + "/main.");
        assertThat(tarn("fs", "stat", repo + "/main/imported/two.txt", "--json").ok().json().path("size_bytes").asLong()).isEqualTo(2);
        JsonNode stat = tarn("fs", "stat", repo + "/main/imported/one.txt", "--json").ok().json();
        assertThat(stat.path("physical_address").asText()).isEqualTo("local://ext/logs/one.txt");
        assertThat(tarn("log", repo + "/main", "--amount", "1", "--json").ok().json().path("results").get(0).path("message").asText())
                .isEqualTo("import logs");

        CliRun nothing = tarn("import", repo + "/main", "--from", "local://ext/nothing/");
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.err()).contains("local://ext/nothing/");
    }

    @Test
    void revertUndoesACommitWithANewOne() throws IOException {
        upload("main", "data/a.txt", "changed");
        JsonNode change = tarn("commit", repo + "/main", "-m", "change a", "--json").ok().json();
        CliRun revert = tarn("revert", repo + "/main", change.path("id").asText()).ok();
        String head = headOf("main");
        assertThat(revert.out()).isEqualTo("Reverted " + change.path("id").asText() + " on '" + repo + "/main': commit " + head + "\n");
        assertThat(tarn("fs", "stat", repo + "/main/data/a.txt", "--json").ok().json().path("size_bytes").asLong()).isEqualTo(1);
        JsonNode log = tarn("log", repo + "/main", "--amount", "1", "--json").ok().json();
        assertThat(log.path("results").get(0).path("id").asText()).isEqualTo(head);
        assertThat(log.path("has_more").asBoolean()).isTrue();
    }

    @Test
    void branchRevertTakesAUriAndJson() throws IOException {
        upload("main", "data/b.txt", "b");
        tarn("commit", repo + "/main", "-m", "add b").ok();
        JsonNode revert = tarn("branch", "revert", repo + "/main", repo + "/main", "--json").ok().json();
        assertThat(revert.path("results").get(0).path("reverted").asText()).isEqualTo("main");
        assertThat(tarn("fs", "stat", repo + "/main/data/b.txt").exit()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void cherryPickAppliesOneCommitOntoABranch() throws IOException {
        tarn("branch", "create", repo + "/feature", "--source", repo + "/main").ok();
        upload("feature", "data/c.txt", "c");
        String picked = tarn("commit", repo + "/feature", "-m", "add c", "--json").ok().json().path("id").asText();
        JsonNode commit = tarn("cherry-pick", repo + "/" + picked, repo + "/main", "--json").ok().json();
        assertThat(commit.path("id").asText()).isEqualTo(headOf("main"));
        assertThat(tarn("fs", "stat", repo + "/main/data/c.txt").exit()).isZero();
    }

    @Test
    void resetDropsUncommittedChangesAllUnderAPrefixOrOne() throws IOException {
        upload("main", "keep/x.txt", "x");
        upload("main", "drop/y.txt", "y");
        upload("main", "drop/z.txt", "z");
        CliRun unconfirmed = tarn("reset", repo + "/main");
        assertThat(unconfirmed.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unconfirmed.err()).isEqualTo("tarn: Cannot drop all uncommitted changes on '" + repo + "/main' without confirmation: pass --yes\n");

        tarn("reset", repo + "/main", "--object", "drop/y.txt", "--yes").ok();
        assertThat(tarn("diff", repo + "/main").ok().out()).isEqualTo("+ added drop/z.txt\n+ added keep/x.txt\n");
        assertThat(tarn("branch", "reset", repo + "/main", "--prefix", "drop/", "-y").ok().out())
                .isEqualTo("Dropped the uncommitted changes under 'drop/' on '" + repo + "/main'.\n");
        assertThat(tarn("diff", repo + "/main").ok().out()).isEqualTo("+ added keep/x.txt\n");
        tarn("reset", repo + "/main", "-y").ok();
        assertThat(tarn("diff", repo + "/main", "--json").ok().json().path("results")).isEmpty();
        assertThat(tarn("reset", repo + "/main", "--prefix", "a", "--object", "b").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void fsRmDeletesAnObjectAndAMissingOneIsNotFound() {
        CliRun rm = tarn("fs", "rm", repo + "/main/data/a.txt").ok();
        assertThat(rm.out()).isEqualTo("Deleted '" + repo + "/main/data/a.txt'.\n");
        assertThat(tarn("diff", repo + "/main").ok().out()).isEqualTo("- removed data/a.txt\n");
        CliRun again = tarn("fs", "rm", repo + "/main/data/a.txt");
        assertThat(again.exit()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(again.err()).contains("data/a.txt").hasLineCount(1);
    }

    @Test
    void tagsAreCreatedShownListedAndDeleted() {
        String head = headOf("main");
        assertThat(tarn("tag", "create", repo + "/v1", repo + "/main").ok().out()).isEqualTo("Tag '" + repo + "/v1' created at commit " + head + ".\n");
        assertThat(tarn("tag", "show", repo + "/v1", "--json").ok().json().path("commit_id").asText()).isEqualTo(head);
        assertThat(tarn("tag", "create", repo + "/v1", repo + "/main").exit()).isEqualTo(ExitCode.CONFLICT);
        assertThat(tarn("tag", "list", repo).ok().out()).isEqualTo("TAG  COMMIT ID\nv1   " + head + "\n");
        tarn("tag", "delete", repo + "/v1").ok();
        assertThat(tarn("tag", "show", repo + "/v1").exit()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void branchesAndRepositoriesAreListedShownAndDeleted() {
        tarn("branch", "create", repo + "/dev", "-s", repo + "/main").ok();
        JsonNode branches = tarn("branch", "list", repo, "--json").ok().json();
        assertThat(branches.path("results").findValuesAsText("id")).containsExactly("dev", "main");
        assertThat(tarn("branch", "create", repo + "/dev", "-s", repo + "/main").exit()).isEqualTo(ExitCode.CONFLICT);
        tarn("branch", "delete", repo + "/dev", "--yes").ok();
        assertThat(tarn("branch", "list", repo, "--json").ok().json().path("results").findValuesAsText("id")).containsExactly("main");

        JsonNode shown = tarn("repo", "show", repo, "--json").ok().json();
        assertThat(shown.path("default_branch").asText()).isEqualTo("main");
        assertThat(tarn("repo", "delete", repo, "--yes", "--json").ok().json().path("deleted").asText()).isEqualTo(repo);
        assertThat(tarn("repo", "show", repo).exit()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void everyListingAndResultIsOneJsonDocument() {
        List<List<String>> commands = List.of(
                List.of("repo", "list"), List.of("repo", "show", repo), List.of("branch", "list", repo), List.of("branch", "show", repo + "/main"),
                List.of("log", repo + "/main"), List.of("diff", repo + "/main"), List.of("diff", repo + "/main", repo + "/main"),
                List.of("tag", "list", repo), List.of("fs", "ls", repo + "/main"), List.of("fs", "ls", repo + "/main", "-r"),
                List.of("fs", "stat", repo + "/main/data/a.txt"));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--json");
            CliRun run = tarn(args.toArray(String[]::new)).ok();
            assertThat(run.json().isObject()).as("%s", command).isTrue();
        }
    }

    @Test
    void malformedUrisAreUsageErrorsNamingTheValue() {
        CliRun run = tarn("branch", "list", "my-repo");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("tarn: Invalid URI 'my-repo': expected lakefs://<repository>[/<ref>[/<path>]]\n");
        assertThat(tarn("merge", repo + "/main", "lakefs://other/main").err())
                .isEqualTo("tarn: Invalid URI 'lakefs://other/main': it names repository 'other', not '" + repo.substring(9) + "'\n");
        assertThat(tarn("merge", repo + "/main", repo + "/main", "--strategy", "ours").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(tarn("commit", repo + "/main").exit()).as("missing -m").isEqualTo(ExitCode.USAGE);
    }

    @Test
    void configWritesAnOwnerOnlyFileTheOtherCommandsUse() throws IOException {
        Path file = work.resolve("written.yaml");
        CliRun run = tarn(file, "config", "--endpoint-url", server.endpoint + "/api/v1", "--access-key-id", server.accessKeyId,
                "--secret-access-key", server.secretAccessKey).ok();
        assertThat(run.out()).isEqualTo("Wrote " + file + ": endpoint " + server.endpoint + "/api/v1, access key id " + server.accessKeyId + ".\n");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(tarn(file, "repo", "show", repo, "--json").ok().json().path("id").asText()).isEqualTo(repo.substring("lakefs://".length()));

        CliRun missing = tarn(work.resolve("new.yaml"), "config", "--endpoint-url", "http://127.0.0.1:1");
        assertThat(missing.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).isEqualTo("tarn: Cannot write the config: credentials.access_key_id is missing (pass --access-key-id)\n");
        assertThat(work.resolve("new.yaml")).doesNotExist();
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun help = tarn("merge", "--help").ok();
        assertThat(help.out()).contains("Exit codes:", "4   conflict", "6   the server cannot be reached", "TARN_ENDPOINT_URL");
    }
}
