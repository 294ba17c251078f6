package io.tarn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tarn} client as a user runs it: {@code java -jar tarn.jar <command>} in a process of its
 * own, with {@code ~/.tarn.yaml} in a temporary HOME, against the packaged server in another process.
 * Checks stdout, stderr and exit codes.
 */
class CliIT {
    @TempDir
    static Path serverDir;
    private static TarnServerProcess server;

    @TempDir
    Path home;
    @TempDir
    Path work;

    @BeforeAll
    static void startServer() throws IOException {
        server = TarnServerProcess.start(serverDir);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    private void writeConfig(String keyId, String secret) throws IOException {
        Files.writeString(home.resolve(".tarn.yaml"), server.configYaml(keyId, secret));
    }

    private CliRun tarnWithEnv(Map<String, String> env, String... args) throws Exception {
        return tarnWithJvm(List.of(), env, args);
    }

    /** Runs {@code java <jvmOptions> -jar tarn.jar args...} with this test's HOME and the extra environment, stdin closed. */
    private CliRun tarnWithJvm(List<String> jvmOptions, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(TarnServerProcess.java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", TarnServerProcess.JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TARN_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("tarn %s finished", List.of(args)).isTrue();
        return new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private CliRun tarn(String... args) throws Exception {
        return tarnWithEnv(Map.of(), args);
    }

    private Path randomFile(String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Path file = work.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    @Test
    void coreFlowRoundTripsBytesCommitsBranchesMergesAndTags() throws Exception {
        writeConfig(server.accessKeyId, server.secretAccessKey);
        assertThat(tarn("repo", "create", "lakefs://core-flow", "local://core-flow").ok().out())
                .isEqualTo("Repository 'core-flow' created: storage namespace local://core-flow, default branch main\n");
        assertThat(tarn("repo", "list").ok().out()).containsPattern("(?m)^core-flow +main +local://core-flow ");

        Path data = randomFile("data.bin", 3 * 1024 * 1024 + 17, 1);
        CliRun upload = tarn("fs", "upload", "lakefs://core-flow/main/data/data.bin", "--source", data.toString()).ok();
        assertThat(upload.out()).startsWith("Uploaded '" + data + "' to 'lakefs://core-flow/main/data/data.bin' (3145745 bytes");
        assertThat(upload.err()).as("no progress bar when stderr is not a terminal").isEmpty();
        assertThat(tarn("fs", "ls", "lakefs://core-flow/main/").ok().out()).containsPattern("(?m)^prefix +data/$");
        assertThat(tarn("fs", "ls", "lakefs://core-flow/main/data/").ok().out()).containsPattern("(?m)^object .* 3\\.0 MiB  data\\.bin$");
        JsonNode stat = tarn("fs", "stat", "lakefs://core-flow/main/data/data.bin", "--json").ok().json();
        assertThat(stat.path("size_bytes").asLong()).isEqualTo(Files.size(data));
        assertThat(stat.path("path").asText()).isEqualTo("data/data.bin");

        Path copy = work.resolve("copy.bin");
        assertThat(tarn("fs", "download", "lakefs://core-flow/main/data/data.bin", copy.toString()).ok().out())
                .isEqualTo("Downloaded 'lakefs://core-flow/main/data/data.bin' to '" + copy + "' (3145745 bytes).\n");
        assertThat(Files.mismatch(data, copy)).as("downloaded bytes equal the uploaded ones").isEqualTo(-1L);

        JsonNode commit = tarn("commit", "lakefs://core-flow/main", "-m", "add data", "--meta", "source=cli-test", "--json").ok().json();
        assertThat(commit.path("message").asText()).isEqualTo("add data");
        assertThat(commit.path("metadata").path("source").asText()).isEqualTo("cli-test");
        String log = tarn("log", "lakefs://core-flow/main", "--oneline").ok().out();
        assertThat(log).startsWith(commit.path("id").asText() + " add data\n").contains(" Repository created");

        CliRun branch = tarn("branch", "create", "lakefs://core-flow/dev", "--source", "lakefs://core-flow/main").ok();
        assertThat(branch.out()).contains("Branch 'lakefs://core-flow/dev' created from 'main' at commit " + commit.path("id").asText());
        Path small = Files.writeString(work.resolve("new.csv"), "x,y\n1,2\n");
        tarn("fs", "upload", "lakefs://core-flow/dev/data/new.csv", "-s", small.toString()).ok();
        assertThat(tarn("diff", "lakefs://core-flow/dev").ok().out()).isEqualTo("+ added data/new.csv\n");
        tarn("commit", "lakefs://core-flow/dev", "-m", "add new.csv").ok();
        assertThat(tarn("diff", "lakefs://core-flow/main", "lakefs://core-flow/dev").ok().out()).isEqualTo("+ added data/new.csv\n");

        CliRun merge = tarn("merge", "lakefs://core-flow/dev", "lakefs://core-flow/main").ok();
        assertThat(merge.out()).startsWith("Merged 'dev' into 'lakefs://core-flow/main': commit ");
        assertThat(tarn("fs", "cat", "lakefs://core-flow/main/data/new.csv").ok().out()).isEqualTo("x,y\n1,2\n");

        tarn("tag", "create", "lakefs://core-flow/v1", "lakefs://core-flow/main").ok();
        JsonNode tags = tarn("tag", "list", "lakefs://core-flow", "--json").ok().json();
        JsonNode head = tarn("branch", "show", "lakefs://core-flow/main", "--json").ok().json();
        assertThat(tags.path("results").get(0).path("id").asText()).isEqualTo("v1");
        assertThat(tags.path("results").get(0).path("commit_id").asText()).isEqualTo(head.path("commit_id").asText());
        assertThat(tarn("fs", "cat", "lakefs://core-flow/v1/data/new.csv").ok().out()).isEqualTo("x,y\n1,2\n");
    }

    @Test
    void conflictingMergeExitsWithTheConflictCodeAndListsEveryPathOnStderr() throws Exception {
        writeConfig(server.accessKeyId, server.secretAccessKey);
        tarn("repo", "create", "lakefs://conflicts", "local://conflicts").ok();
        tarn("branch", "create", "lakefs://conflicts/dev", "-s", "lakefs://conflicts/main").ok();
        Path one = Files.writeString(work.resolve("one.txt"), "one");
        Path two = Files.writeString(work.resolve("two.txt"), "two");
        for (String path : List.of("a.csv", "dir/b.csv")) {
            tarn("fs", "upload", "lakefs://conflicts/main/" + path, "-s", one.toString()).ok();
            tarn("fs", "upload", "lakefs://conflicts/dev/" + path, "-s", two.toString()).ok();
        }
        tarn("commit", "lakefs://conflicts/main", "-m", "main side").ok();
        tarn("commit", "lakefs://conflicts/dev", "-m", "dev side").ok();

        CliRun merge = tarn("merge", "lakefs://conflicts/dev", "lakefs://conflicts/main");
        assertThat(merge.exit()).isEqualTo(ExitCode.CONFLICT);
        assertThat(merge.out()).isEmpty();
        assertThat(merge.err()).isEqualTo("tarn: Cannot merge 'dev' into 'main': 2 conflicts\n"
                + "conflict: a.csv (added_on_both)\n"
                + "conflict: dir/b.csv (added_on_both)\n");

        CliRun asJson = tarn("merge", "lakefs://conflicts/dev", "lakefs://conflicts/main", "--json");
        assertThat(asJson.exit()).isEqualTo(ExitCode.CONFLICT);
        JsonNode error = asJson.json().path("error");
        assertThat(error.path("exit_code").asInt()).isEqualTo(ExitCode.CONFLICT);
        assertThat(error.path("conflicts").findValuesAsText("path")).containsExactly("a.csv", "dir/b.csv");

        CliRun sourceWins = tarn("merge", "lakefs://conflicts/dev", "lakefs://conflicts/main", "--strategy", "source-wins").ok();
        assertThat(sourceWins.out()).startsWith("Merged 'dev' into 'lakefs://conflicts/main'");
        assertThat(tarn("fs", "cat", "lakefs://conflicts/main/dir/b.csv").ok().out()).isEqualTo("two");
    }

    @Test
    void recursiveUploadAndDownloadRoundTripADirectoryTree() throws Exception {
        writeConfig(server.accessKeyId, server.secretAccessKey);
        tarn("repo", "create", "lakefs://trees", "local://trees").ok();
        Path tree = work.resolve("tree");
        randomFile("tree/top.bin", 1000, 2);
        randomFile("tree/sub/mid.bin", 200_000, 3);
        randomFile("tree/sub/deeper/low.bin", 2 * 1024 * 1024, 4);
        Files.createDirectories(tree.resolve("empty-dir"));

        CliRun upload = tarn("fs", "upload", "lakefs://trees/main/in/", "--source", tree.toString(), "--recursive", "--progress").ok();
        assertThat(upload.out()).isEqualTo("Uploaded 3 files (2.2 MiB) from '" + tree + "' to 'lakefs://trees/main/in/'.\n");
        assertThat(upload.err()).as("a forced progress bar").contains("Uploading [", "3/3 files").endsWith("\n");
        assertThat(tarn("fs", "ls", "lakefs://trees/main/in", "--recursive").ok().out().lines().map(l -> l.replaceAll(".* ", "")))
                .containsExactly("sub/deeper/low.bin", "sub/mid.bin", "top.bin");

        Path back = work.resolve("back");
        CliRun download = tarn("fs", "download", "lakefs://trees/main/in", back.toString(), "-r").ok();
        assertThat(download.out()).startsWith("Downloaded 3 files (2.2 MiB) from 'lakefs://trees/main/in/'");
        assertThat(download.err()).isEmpty();
        for (String file : List.of("top.bin", "sub/mid.bin", "sub/deeper/low.bin")) {
            assertThat(Files.mismatch(tree.resolve(file), back.resolve(file))).as(file).isEqualTo(-1L);
        }

        JsonNode removed = tarn("fs", "rm", "lakefs://trees/main/in/sub", "--recursive", "--json").ok().json();
        assertThat(removed.path("deleted").asInt()).isEqualTo(2);
        assertThat(tarn("fs", "ls", "lakefs://trees/main/in/", "-r").ok().out()).endsWith("  top.bin\n").doesNotContain("sub/");
    }

    @Test
    void aFileLargerThanTheClientsHeapStreamsBothWaysWithAProgressBar() throws Exception {
        writeConfig(server.accessKeyId, server.secretAccessKey);
        tarn("repo", "create", "lakefs://large", "local://large").ok();
        Path big = work.resolve("big.bin");
        byte[] block = new byte[1 << 20];
        Random random = new Random(5);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 160; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        List<String> smallHeap = List.of("-Xmx48m");
        CliRun upload = tarnWithJvm(smallHeap, Map.of(), "fs", "upload", "lakefs://large/main/big.bin", "-s", big.toString(), "--progress").ok();
        assertThat(upload.err()).startsWith("\rUploading big.bin [").contains("100% 160.0 MiB / 160.0 MiB").endsWith("\n");
        Path back = work.resolve("back.bin");
        CliRun download = tarnWithJvm(smallHeap, Map.of(), "fs", "download", "lakefs://large/main/big.bin", back.toString(), "--progress").ok();
        assertThat(download.err()).startsWith("\rDownloading big.bin [").contains("100% 160.0 MiB / 160.0 MiB");
        assertThat(Files.mismatch(big, back)).as("downloaded bytes equal the uploaded ones").isEqualTo(-1L);
        CliRun quiet = tarnWithJvm(smallHeap, Map.of(), "fs", "download", "lakefs://large/main/big.bin", back.toString(), "--no-progress").ok();
        assertThat(quiet.err()).as("--no-progress").isEmpty();
    }

    @Test
    void wrongSecretExitsWithTheAuthenticationCode() throws Exception {
        writeConfig(server.accessKeyId, "x".repeat(40));
        CliRun run = tarn("repo", "list");
        assertThat(run.exit()).isEqualTo(ExitCode.AUTH);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("tarn: Cannot sign in to the Tarn server at " + server.endpoint + " with access key id '"
                + server.accessKeyId + "'").doesNotContain("xxxx").hasLineCount(1);
    }

    @Test
    void environmentOverridesTheConfigFile() throws Exception {
        writeConfig(server.accessKeyId, "x".repeat(40));
        CliRun run = tarnWithEnv(Map.of("TARN_SECRET_ACCESS_KEY", server.secretAccessKey), "repo", "list", "--json");
        assertThat(run.ok().json().path("results").isArray()).isTrue();
    }

    @Test
    void unknownRepositoryExitsWithTheNotFoundCode() throws Exception {
        writeConfig(server.accessKeyId, server.secretAccessKey);
        CliRun run = tarn("branch", "list", "lakefs://no-such-repo");
        assertThat(run.exit()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err()).contains("no-such-repo").hasLineCount(1);
    }

    @Test
    void stoppedServerExitsWithTheUnreachableCode() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        CliRun run = tarnWithEnv(Map.of("TARN_ENDPOINT_URL", "http://127.0.0.1:" + port, "TARN_ACCESS_KEY_ID", "AKTARNX",
                "TARN_SECRET_ACCESS_KEY", "secret"), "repo", "list");
        assertThat(run.exit()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err()).isEqualTo("tarn: Cannot reach the Tarn server at http://127.0.0.1:" + port
                + ": connection refused (is it running? the endpoint is server.endpoint_url in ~/.tarn.yaml (absent) or TARN_ENDPOINT_URL)\n");
    }
}
