package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.Message;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The embedded database with H2 writing its file in the background: acknowledged messages live in the
 * message journal until H2 has written them, and everything else is in the file when its call returns.
 * Crashes are H2's {@code SHUTDOWN IMMEDIATELY} after background writes were held back, so that the file
 * is known to lack the last messages.
 */
class MessageJournalH2Test {
    private static final ServerConfig.Chat LIMITS = ServerConfig.Chat.defaults();

    @Test
    void acknowledgedMessagesTheDatabaseFileLacksAreStoredAgainFromTheJournalAtStartUp() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            h2.holdBackgroundWrites();
            for (int i = 1; i <= 40; i++) pair.service().send(pair.customer(), pair.id(), "message " + i, "key-" + i);

            ConversationService service = service(h2.crashAndReopen());
            List<Message> messages = service.after(pair.customer(), pair.id(), 0, 100).messages();
            assertThat(messages).extracting(Message::text)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 40).mapToObj(i -> "message " + i).toList());
            assertThat(messages).extracting(Message::seq).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, 40).mapToObj(i -> (long) i).toList());
            assertThat(service.get(pair.customer(), pair.id()).lastSeq()).isEqualTo(40);
            assertThat(service.send(pair.customer(), pair.id(), "message 40", "key-40").duplicate())
                    .as("the client key came back with the message").isTrue();
            assertThat(service.send(pair.customer(), pair.id(), "after the crash", null).message().seq()).isEqualTo(41);
        }
    }

    @Test
    void withoutTheJournalTheDatabaseFileWouldHaveLostTheAcknowledgedMessages() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            h2.holdBackgroundWrites();
            for (int i = 1; i <= 5; i++) pair.service().send(pair.customer(), pair.id(), "message " + i, null);
            h2.crash();

            assertThat(h2.messagesInFiles()).isZero();
            assertThat(h2.countInFiles("conversations WHERE last_seq = 0")).isEqualTo(1);
        }
    }

    @Test
    void writesOtherThanMessagesAreInTheDatabaseFileWhenTheyReturn() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            h2.holdBackgroundWrites();
            pair(h2.database());
            h2.crash();

            assertThat(h2.countInFiles("users")).isEqualTo(2);
            assertThat(h2.countInFiles("conversations")).isEqualTo(1);
        }
    }

    @Test
    void messagesAreStoredAgainOnceNotAtEveryStart() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            h2.holdBackgroundWrites();
            for (int i = 1; i <= 3; i++) pair.service().send(pair.customer(), pair.id(), "message " + i, null);
            h2.crashAndReopen();
            h2.reopen();
            Database third = h2.crashAndReopen();

            assertThat(service(third).after(pair.customer(), pair.id(), 0, 100).messages()).extracting(Message::text)
                    .containsExactly("message 1", "message 2", "message 3");
        }
    }

    @Test
    void messagesSentAfterAReplayAreKeptByTheNextCrashToo() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            h2.holdBackgroundWrites();
            pair.service().send(pair.customer(), pair.id(), "before the first crash", null);
            Database second = h2.crashAndReopen();
            h2.holdBackgroundWrites();
            service(second).send(pair.customer(), pair.id(), "before the second crash", null);
            Database third = h2.crashAndReopen();

            assertThat(service(third).after(pair.customer(), pair.id(), 0, 100).messages()).extracting(Message::text)
                    .containsExactly("before the first crash", "before the second crash");
        }
    }

    private record Pair(ConversationService service, UserId customer, ConversationId id) {}

    private static Pair pair(Database database) {
        JdbcUserStore users = new JdbcUserStore(database, Clock.systemUTC());
        UserId customer = users.upsertExternal(new UserId("c"), Role.CUSTOMER, "C", null, UserStatus.ACTIVE).id();
        UserId agent = users.upsertExternal(new UserId("a"), Role.AGENT, "A", null, UserStatus.ACTIVE).id();
        ConversationService service = service(database);
        return new Pair(service, customer, service.getOrCreateDirect(customer, agent, Optional.empty()).id());
    }

    private static ConversationService service(Database database) {
        return new ConversationService(new JdbcConversationStore(database),
                new JdbcUserStore(database, Clock.systemUTC()), Clock.systemUTC(), LIMITS);
    }
}
