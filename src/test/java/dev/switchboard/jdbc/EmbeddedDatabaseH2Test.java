package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.Message;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded database keeps what it acknowledged, across restarts and crashes, for one process. */
class EmbeddedDatabaseH2Test {
    private static final ServerConfig.Chat LIMITS = ServerConfig.Chat.defaults();

    @Test
    void messagesSurviveClosingAndReopeningTheEmbeddedDatabase() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            ConversationId id;
            UserId customer;
            {
                ConversationService service = service(h2.database());
                customer = new JdbcUserStore(h2.database(), Clock.systemUTC())
                        .upsertExternal(new UserId("c"), Role.CUSTOMER, "C", null, UserStatus.ACTIVE).id();
                UserId agent = new JdbcUserStore(h2.database(), Clock.systemUTC())
                        .upsertExternal(new UserId("a"), Role.AGENT, "A", null, UserStatus.ACTIVE).id();
                id = service.getOrCreateDirect(customer, agent, Optional.empty()).id();
                for (int i = 1; i <= 3; i++) service.send(customer, id, "before restart " + i, "k" + i);
            }

            ConversationService reopened = service(h2.reopen());

            assertThat(reopened.history(customer, id, null, 10).messages()).extracting(Message::text)
                    .containsExactly("before restart 1", "before restart 2", "before restart 3");
            assertThat(reopened.send(customer, id, "before restart 3", "k3").duplicate()).isTrue();
            assertThat(reopened.send(customer, id, "after restart", null).message().seq()).isEqualTo(4);
            assertThat(appliedVersions(h2.database()))
                    .as("a new database starts from the latest baseline, then each later migration once, in order")
                    .containsExactlyElementsOf(expectedOnANewDatabase());
        }
    }

    @Test
    void acknowledgedMessagesSurviveACrashOfTheServerProcess() throws Exception {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            h2.database().close(); // the child process must own the files

            assertThat(runChild("write", h2.dataDir(), "25")).isEqualTo(EmbeddedWriterProcess.WRITTEN);

            ConversationService service = service(h2.reopen());
            UserId customer = new UserId("customer-1");
            ConversationId id = service.listForUser(customer, null, 10).items().getFirst().conversation().id();
            List<String> texts = new ArrayList<>();
            service.after(customer, id, 0, 100).messages().forEach(m -> texts.add(m.text()));
            assertThat(texts).hasSize(25).startsWith("message 1").endsWith("message 25");
        }
    }

    @Test
    void aSecondProcessCannotOpenTheDatabaseWhileOneHasItOpen() throws Exception {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            assertThat(runChild("open", h2.dataDir())).isEqualTo(EmbeddedWriterProcess.LOCKED);

            h2.database().close();
            assertThat(runChild("open", h2.dataDir())).isEqualTo(EmbeddedWriterProcess.OPENED);
            h2.reopen();
        }
    }

    private static ConversationService service(Database database) {
        return new ConversationService(new JdbcConversationStore(database),
                new JdbcUserStore(database, Clock.systemUTC()), Clock.systemUTC(), LIMITS);
    }

    /**
     * The latest baseline script's version (B7__...) followed by the versions of the V scripts above
     * it, in numeric order: what a new database records (MigrationBaselineContract has the rest).
     */
    private static List<String> expectedOnANewDatabase() {
        List<Integer> baselines = migrationVersions("B");
        int baseline = baselines.isEmpty() ? 0 : baselines.getLast();
        List<String> expected = new ArrayList<>();
        if (baseline > 0) expected.add(String.valueOf(baseline));
        migrationVersions("V").stream().filter(v -> v > baseline).forEach(v -> expected.add(String.valueOf(v)));
        return expected;
    }

    // Flyway also records its own schema bookkeeping; only versioned rows are migrations.
    /** The versions of the migration scripts with {@code prefix} shipped on the class path, in numeric order. */
    private static List<Integer> migrationVersions(String prefix) {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                EmbeddedDatabaseH2Test.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches(prefix + "\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .sorted()
                    .toList();
        } catch (IOException | java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> appliedVersions(Database database) {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\""
                        + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) versions.add(rs.getString(1));
            return versions;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static int runChild(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), EmbeddedWriterProcess.class.getName()));
        for (Object arg : args) command.add(arg.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("child process did not finish");
        }
        return child.exitValue();
    }
}
