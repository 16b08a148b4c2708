package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingSettings;
import dev.switchboard.routing.Strategy;
import dev.switchboard.testing.NodeScripts;
import dev.switchboard.testing.NodeScripts.Run;
import dev.switchboard.testing.TestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web UI in a real browser: {@code src/test/ui/browser-flow.mjs} drives headless Chromium
 * (Debian's {@code /usr/bin/chromium}, or {@code CHROMIUM_PATH}) through playwright-core against
 * this class's server, the customer widget on {@code /demo} and the agent console on
 * {@code /console} side by side. Runs from a scratch copy in {@code target/ui-browser}, installing
 * its locked dependencies there when missing or changed. Screenshots of the widget and of each
 * console page land in {@code target/ui-screenshots}. Fails (never skips) without Node, npm or
 * Chromium.
 */
class WebUiBrowserTest extends ServerPerClassTest {
    private static final Path SOURCE = Path.of("src", "test", "ui");
    private static final Path SCRATCH = Path.of("target", "ui-browser");
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots").toAbsolutePath();
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "browser-flow.mjs");
    private static final Pattern SUMMARY = Pattern.compile("browser: (\\d+) passed, (\\d+) failed");
    private static final String PASSWORD = "browser-test-pass";
    private static final String AGENT = "agent.browser@example.com";
    private static final String AGENT2 = "agent2.browser@example.com";
    private static final String ADMIN = "admin.browser@example.com";
    private static UserId alanId;
    private static UserId adminId;

    @BeforeAll
    static void accountsAndBrowser() throws Exception {
        var identity = server.server().services().identity();
        alanId = identity.createAccount(AGENT, PASSWORD.toCharArray(), "Alan Agent", Role.AGENT).id();
        identity.createAccount(AGENT2, PASSWORD.toCharArray(), "Grace Agent", Role.AGENT);
        adminId = identity.createAccount(ADMIN, PASSWORD.toCharArray(), "Ada Admin", Role.ADMIN).id();
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            fail("WebUiBrowserTest needs Chromium at " + chromium + ": install Debian's chromium package"
                    + " (bash .ci/run does) or point CHROMIUM_PATH at a Chromium or Chrome binary");
        }
        NodeScripts.installScratchCopy(SOURCE, SCRATCH, FILES, "playwright-core");
        // failure screenshots of an earlier run would pass for this run's
        if (Files.isDirectory(SCREENSHOTS)) {
            try (var old = Files.newDirectoryStream(SCREENSHOTS, "FAILED-*.png")) {
                for (Path file : old) Files.delete(file);
            }
        }
    }

    @Test
    void visitorOpensTheWidgetFromOneScriptTagFillsTheFormAndJoinsTheQueue() throws Exception {
        runScenario("widget", 6);
    }

    @Test
    void agentSignsInToTheConsoleAndEveryPageSettlesWithoutErrors() throws Exception {
        runScenario("console", 4);
    }

    @Test
    void widgetAndConsoleExchangeMessagesTypingAndReadStateAndRenderHostileTextAsText() throws Exception {
        runScenario("conversation", 7);
    }

    @Test
    void serverRestartedMidChatBothSidesReconnectAndContinueWithoutLosingOrDuplicatingAMessage() throws Exception {
        Path data = Files.createTempDirectory("switchboard-ui-restart");
        TestServer first = TestServer.startOn(data, 0);
        TestServer current = first;
        try {
            var identity = first.server().services().identity();
            identity.createAccount(AGENT, PASSWORD.toCharArray(), "Alan Agent", Role.AGENT);
            int port = first.server().port();
            Path control = Files.createDirectories(SCRATCH.resolve("control-" + System.nanoTime()));
            Path node = NodeScripts.executable("node").orElseThrow(() -> new AssertionError("WebUiBrowserTest needs Node.js >= 20 on the PATH"));
            Path log = Files.createTempFile(SCRATCH, "restart-", ".log");
            ProcessBuilder builder = new ProcessBuilder(node.toString(), "browser-flow.mjs", "restart").directory(SCRATCH.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("SWITCHBOARD_URL", first.url(), "AGENT_EMAIL", AGENT, "AGENT_PASSWORD", PASSWORD,
                    "SCREENSHOTS", SCREENSHOTS.toString(), "CONTROL_DIR", control.toAbsolutePath().toString()));
            Process process = builder.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            boolean restarted = false;
            while (process.isAlive() && System.nanoTime() < deadline) {
                if (!restarted && Files.exists(control.resolve("restart-request"))) {
                    first.close();
                    current = TestServer.startOn(data, port);
                    Files.writeString(control.resolve("restart-done"), "ok");
                    restarted = true;
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Path threads = SCREENSHOTS.resolve("FAILED-restart-threads.txt");
                dumpThreads(threads);
                fail("browser-flow.mjs restart did not finish within 240 s; this JVM's threads (the server's) in "
                        + threads + "; output so far:\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            assertThat(restarted).as("the scenario asked for the restart; output:%n%s", output).isTrue();
            assertSummary("restart", new Run(process.exitValue(), output), 4);
        } finally {
            current.close(); // the first server was closed by the restart, when there was one
            TestServer.deleteRecursively(data);
        }
    }

    /** On its own server (automatic routing), so no customer left waiting by another scenario reaches the agent first. */
    @Test
    void visitorAndAgentSendFilesImagesShowInlineFilesDownloadAndANotesFileStaysInTheConsole() throws Exception {
        try (TestServer own = TestServer.start()) {
            own.server().services().identity().createAccount(AGENT, PASSWORD.toCharArray(), "Alan Agent", Role.AGENT);
            runScenario(own, "attachments", 4);
        }
    }

    /** Two chats left through the offline path first, one then assigned to Alan who answers, so every chart has something to draw. */
    @Test
    void adminSeesStatisticsChartsEditsAnAgentsScheduleAndCreatesDeactivatesAndReactivatesAnAgent() throws Exception {
        var services = server.server().services();
        services.support().leaveMessage(services.identity().visitor("Stan Stats", null).user().id(), "", "Printer", "It jams");
        var second = services.support().leaveMessage(services.identity().visitor("Sue Stats", null).user().id(), "", "Login", "Locked out");
        services.support().assign(adminId, second.id(), alanId);
        services.conversations().send(alanId, second.id(), "We are on it", null);
        runScenario("pages", 5);
    }

    /** On its own server with a thousand support chats, each left by its own visitor (an open ticket with one unread message). */
    @Test
    void withAThousandConversationsTheConsoleLoadsAPageAtATimeSearchesOnTheServerAndStaysUsable() throws Exception {
        try (TestServer own = TestServer.start()) {
            var services = own.server().services();
            services.identity().createAccount(AGENT, PASSWORD.toCharArray(), "Alan Agent", Role.AGENT);
            for (int i = 1; i <= 1000; i++) {
                UserId customer = services.identity().visitor("Customer %04d".formatted(i), null).user().id();
                services.support().leaveMessage(customer, "", "Question " + i, "Hello from customer " + i);
            }
            runScenario(own, "thousand", 3);
        }
    }

    @Test
    void withNobodyStaffedTheVisitorLeavesAMessageThatBecomesAnOpenTicket() throws Exception {
        runScenario("offline", 2);
    }

    /** On its own server where agents pick by hand, so the visitor waits with a position until picked. */
    @Test
    void visitorWaitsWithAPositionAgentPicksTheyTalkAddsANoteTransfersToASecondAgentWhoResolvesAndTheVisitorReloadsTheHistory()
            throws Exception {
        try (TestServer manual = TestServer.start(c -> c.withRouting(RoutingSettings.defaults().withStrategy(Strategy.MANUAL)))) {
            var identity = manual.server().services().identity();
            identity.createAccount(AGENT, PASSWORD.toCharArray(), "Alan Agent", Role.AGENT);
            identity.createAccount(AGENT2, PASSWORD.toCharArray(), "Grace Agent", Role.AGENT);
            runScenario(manual, "queue", 10);
        }
    }

    private static void runScenario(String scenario, int expectedChecks) throws Exception {
        runScenario(server, scenario, expectedChecks);
    }

    private static void runScenario(TestServer target, String scenario, int expectedChecks) throws Exception {
        Path node = NodeScripts.executable("node").orElseThrow(() -> new AssertionError("WebUiBrowserTest needs Node.js >= 20 on the PATH"));
        Run run = NodeScripts.run(SCRATCH, 240, Map.of("SWITCHBOARD_URL", target.url(), "AGENT_EMAIL", AGENT, "AGENT2_EMAIL", AGENT2,
                "ADMIN_EMAIL", ADMIN, "AGENT_PASSWORD", PASSWORD, "SCREENSHOTS", SCREENSHOTS.toString()), node.toString(), "browser-flow.mjs", scenario);
        assertSummary(scenario, run, expectedChecks);
    }

    /** Every thread of this JVM, virtual ones included, with its whole stack: what the server did when a scenario hung. */
    private static void dumpThreads(Path file) throws IOException {
        Files.deleteIfExists(file);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(file.toAbsolutePath().toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
    }

    private static void assertSummary(String scenario, Run run, int expectedChecks) {
        List<String> lines = run.output().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("output of browser-flow.mjs %s:%n%s", scenario, run.output()).isNotEmpty();
        Matcher summary = SUMMARY.matcher(lines.get(lines.size() - 1));
        assertThat(summary.matches()).as("last line is the summary; output:%n%s", run.output()).isTrue();
        assertThat(lines).as("output:%n%s", run.output()).noneMatch(l -> l.startsWith("FAIL"));
        assertThat(Integer.parseInt(summary.group(2))).as("failed checks; output:%n%s", run.output()).isZero();
        assertThat(Integer.parseInt(summary.group(1))).as("passed checks; output:%n%s", run.output()).isEqualTo(expectedChecks);
        assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isZero();
    }
}
