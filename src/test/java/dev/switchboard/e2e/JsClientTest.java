package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.switchboard.testing.NodeScripts;
import dev.switchboard.testing.NodeScripts.Run;
import dev.switchboard.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    private static final long RUN_TIMEOUT_SECONDS = 90;
    private static final int MIN_NODE_MAJOR = 20;
    private static final Pattern SUMMARY = Pattern.compile("js-client: (\\d+) passed, (\\d+) failed");
    private static final String INSTALL_NODE = "JsClientTest needs Node.js >= " + MIN_NODE_MAJOR
            + " with npm on the PATH: install Node >= " + MIN_NODE_MAJOR
            + " with npm (from nodejs.org, or a package manager that has 20 or later) and run the tests again";

    @Test
    void officialJavaScriptClientCompletesTheChatFlowOverEveryTransport() throws Exception {
        Path node = NodeScripts.executable("node").orElseThrow(() -> new AssertionError(INSTALL_NODE + " (node not found)"));
        NodeScripts.executable("npm").orElseThrow(() -> new AssertionError(INSTALL_NODE + " (npm not found)"));
        requireNodeVersion(node);
        Path dir = NodeScripts.installScratchCopy(SOURCE, SCRATCH, FILES, "socket.io-client");

        TestServer.TestUser customer = server.user("Jess", "customer");
        TestServer.TestUser agent = server.user("Jay", "agent");
        // tokens through the environment, not argv: they stay out of process listings
        Run run = NodeScripts.run(dir, RUN_TIMEOUT_SECONDS, Map.of("SWITCHBOARD_URL", server.url(),
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

    private static void requireNodeVersion(Path node) throws Exception {
        Run version = NodeScripts.run(SCRATCH.getParent(), 30, Map.of(), node.toString(), "--version");
        Matcher m = Pattern.compile("v(\\d+)\\.").matcher(version.output().strip());
        if (version.exitCode() != 0 || !m.lookingAt()) fail(INSTALL_NODE + " ('node --version' said: " + version.output() + ")");
        if (Integer.parseInt(m.group(1)) < MIN_NODE_MAJOR) fail(INSTALL_NODE + " (found " + version.output().strip() + ")");
    }
}
