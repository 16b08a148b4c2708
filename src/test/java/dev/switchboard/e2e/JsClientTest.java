package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.switchboard.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The official Socket.IO JavaScript client, under Node, against a real server (C1: "any official
 * client connects unchanged"). Runs {@code src/test/js/chat-flow.mjs} from a scratch copy in
 * {@code target/js-client}, installing its locked dependencies there first when they are missing
 * or the lock changed. Needs Node ≥ 20 and npm on the PATH, and fails (never skips) without them.
 */
class JsClientTest extends ServerPerClassTest {
    private static final Path SOURCE = Path.of("src", "test", "js");
    private static final Path SCRATCH = Path.of("target", "js-client");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "chat-flow.mjs");
    private static final String STAMP = ".installed-lock.sha256";
    private static final long INSTALL_TIMEOUT_SECONDS = 240;
    private static final long RUN_TIMEOUT_SECONDS = 90;
    private static final int MIN_NODE_MAJOR = 20;
    private static final Pattern SUMMARY = Pattern.compile("js-client: (\\d+) passed, (\\d+) failed");
    private static final String INSTALL_NODE = "JsClientTest needs Node.js >= " + MIN_NODE_MAJOR
            + " with npm on the PATH: install Node >= " + MIN_NODE_MAJOR
            + " with npm (from nodejs.org, or a package manager that has 20 or later) and run the tests again";

    @Test
    void officialJavaScriptClientCompletesTheChatFlowOverEveryTransport() throws Exception {
        Path node = executable("node").orElseThrow(() -> new AssertionError(INSTALL_NODE + " (node not found)"));
        Path npm = executable("npm").orElseThrow(() -> new AssertionError(INSTALL_NODE + " (npm not found)"));
        requireNodeVersion(node);
        Path dir = prepareScratchCopy(npm);

        TestServer.TestUser customer = server.user("Jess", "customer");
        TestServer.TestUser agent = server.user("Jay", "agent");
        // tokens through the environment, not argv: they stay out of process listings
        Run run = run(dir, RUN_TIMEOUT_SECONDS, Map.of("SWITCHBOARD_URL", server.url(),
                "CUSTOMER_TOKEN", customer.token(), "AGENT_TOKEN", agent.token()),
                node.toString(), "chat-flow.mjs");

        List<String> lines = run.output().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("output of chat-flow.mjs:%n%s", run.output()).isNotEmpty();
        Matcher summary = SUMMARY.matcher(lines.get(lines.size() - 1));
        assertThat(summary.matches()).as("last line is the summary; output:%n%s", run.output()).isTrue();
        assertThat(lines).as("output:%n%s", run.output()).noneMatch(l -> l.startsWith("FAIL"));
        assertThat(Integer.parseInt(summary.group(2))).as("failed checks; output:%n%s", run.output()).isZero();
        assertThat(Integer.parseInt(summary.group(1))).as("passed checks; output:%n%s", run.output()).isGreaterThanOrEqualTo(12);
        assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isZero();
    }

    /** Copies the client into target/, running {@code npm ci} only when node_modules is missing or the lock changed. */
    private static Path prepareScratchCopy(Path npm) throws Exception {
        Files.createDirectories(SCRATCH);
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), SCRATCH.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        String lockHash = sha256(SOURCE.resolve("package.json"), SOURCE.resolve("package-lock.json"));
        Path stamp = SCRATCH.resolve(STAMP);
        boolean installed = Files.isDirectory(SCRATCH.resolve("node_modules").resolve("socket.io-client"))
                && Files.exists(stamp) && Files.readString(stamp).equals(lockHash);
        if (!installed) {
            Files.deleteIfExists(stamp);
            Run install = run(SCRATCH, INSTALL_TIMEOUT_SECONDS, Map.of(), npm.toString(), "ci", "--no-audit", "--no-fund");
            assertThat(install.exitCode()).as("npm ci in %s failed:%n%s", SCRATCH, install.output()).isZero();
            Files.writeString(stamp, lockHash);
        }
        return SCRATCH;
    }

    private static void requireNodeVersion(Path node) throws Exception {
        Run version = run(SCRATCH.getParent(), 30, Map.of(), node.toString(), "--version");
        Matcher m = Pattern.compile("v(\\d+)\\.").matcher(version.output().strip());
        if (version.exitCode() != 0 || !m.lookingAt()) fail(INSTALL_NODE + " ('node --version' said: " + version.output() + ")");
        if (Integer.parseInt(m.group(1)) < MIN_NODE_MAJOR) fail(INSTALL_NODE + " (found " + version.output().strip() + ")");
    }

    /** The first executable of that name on the PATH (with Windows' extensions where they apply). */
    static Optional<Path> executable(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        List<String> names = windows ? List.of(name + ".cmd", name + ".exe", name) : List.of(name);
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) continue;
            for (String candidate : names) {
                Path file = Path.of(dir, candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private record Run(int exitCode, String output) {}

    /** Runs a command with a hard timeout; its output (stdout and stderr) goes to a log file beside it. */
    private static Run run(Path dir, long timeoutSeconds, Map<String, String> env, String... command) throws Exception {
        Files.createDirectories(dir);
        Path log = Files.createTempFile(dir, "run-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s; output so far:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "NUL" : "/dev/null");
    }

    private static String sha256(Path... files) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) digest.update(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
