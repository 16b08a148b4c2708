package dev.switchboard.jdbc;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * A second JVM for {@link EmbeddedDatabaseH2Test}, talking through exit codes only.
 * {@code write <dir> <count>}: sends {@code count} messages from customer-1 to agent-1, then dies
 * without closing anything, as a crashing server would (exit 0 never happens by returning).
 * {@code open <dir>}: tries to open the database; exits {@value #LOCKED} when it is refused.
 */
final class EmbeddedWriterProcess {
    static final int WRITTEN = 10;
    static final int LOCKED = 11;
    static final int OPENED = 12;

    private EmbeddedWriterProcess() {}

    public static void main(String[] args) {
        ServerConfig.Storage storage = new ServerConfig.Storage(Path.of(args[1]), "", "", "", 2);
        if (args[0].equals("open")) {
            try (Database ignored = Database.open(storage)) {
                Runtime.getRuntime().halt(OPENED);
            } catch (RuntimeException e) {
                Runtime.getRuntime().halt(LOCKED);
            }
        }
        Database database = Database.open(storage);
        JdbcUserStore users = new JdbcUserStore(database, Clock.systemUTC());
        UserId customer = users.upsertExternal(new UserId("customer-1"), Role.CUSTOMER, "C", null, UserStatus.ACTIVE).id();
        UserId agent = users.upsertExternal(new UserId("agent-1"), Role.AGENT, "A", null, UserStatus.ACTIVE).id();
        ConversationService service = new ConversationService(
                new JdbcConversationStore(database), users, Clock.systemUTC(), ServerConfig.Chat.defaults());
        ConversationId id = service.getOrCreateDirect(customer, agent, Optional.empty()).id();
        for (int i = 1; i <= Integer.parseInt(args[2]); i++) service.send(customer, id, "message " + i, null);
        Runtime.getRuntime().halt(WRITTEN); // no close, no shutdown hooks: a crash right after the last ack
    }
}
