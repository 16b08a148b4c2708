package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the tests that drive Node.js scripts share (the official JS client, the browser tests):
 * finding executables, running a command with a hard timeout, and an npm scratch copy that is
 * installed again only when its lock file changed.
 */
public final class NodeScripts {
    private static final String STAMP = ".installed-lock.sha256";
    private static final long INSTALL_TIMEOUT_SECONDS = 240;

    private NodeScripts() {}

    /** A finished command: its exit code and its output (stdout and stderr together). */
    public record Run(int exitCode, String output) {}

    /** The first executable of that name on the PATH (with Windows' extensions where they apply). */
    public static Optional<Path> executable(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        List<String> names = windows() ? List.of(name + ".cmd", name + ".exe", name) : List.of(name);
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            for (String candidate : names) {
                Path file = Path.of(dir, candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * Copies {@code files} from {@code source} into {@code scratch} and runs {@code npm ci} there
     * only when {@code node_modules/<marker>} is missing or package.json / package-lock.json changed.
     */
    public static Path installScratchCopy(Path source, Path scratch, List<String> files, String marker) throws Exception {
        Path npm = executable("npm").orElseThrow(() -> new AssertionError("these tests need npm on the PATH"));
        Files.createDirectories(scratch);
        for (String file : files) Files.copy(source.resolve(file), scratch.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        String lockHash = sha256(source.resolve("package.json"), source.resolve("package-lock.json"));
        Path stamp = scratch.resolve(STAMP);
        boolean installed = Files.isDirectory(scratch.resolve("node_modules").resolve(marker))
                && Files.exists(stamp) && Files.readString(stamp).equals(lockHash);
        if (!installed) {
            Files.deleteIfExists(stamp);
            Run install = run(scratch, INSTALL_TIMEOUT_SECONDS, Map.of(), npm.toString(), "ci", "--no-audit", "--no-fund");
            assertThat(install.exitCode()).as("npm ci in %s failed:%n%s", scratch, install.output()).isZero();
            Files.writeString(stamp, lockHash);
        }
        return scratch;
    }

    /** Runs a command with a hard timeout; its output goes to a log file in {@code dir} while it runs. */
    public static Run run(Path dir, long timeoutSeconds, Map<String, String> env, String... command) throws Exception {
        Files.createDirectories(dir);
        Path log = Files.createTempFile(dir, "run-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(windows() ? "NUL" : "/dev/null")));
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

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    private static String sha256(Path... files) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) digest.update(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
