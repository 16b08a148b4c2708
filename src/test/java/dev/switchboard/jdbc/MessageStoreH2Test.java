package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.ConversationStore.Appended;
import dev.switchboard.conversation.ConversationStore.NewMessage;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import dev.switchboard.routing.AssigneeWrites;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.support.SupportChatStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;

/**
 * The embedded database with its messages in the {@link RocksMessageStore} and their effects (last seqs,
 * support chats' counters) in H2: after a crash in which only one of the two had written its files,
 * each gets from the journal what it lacks, and nothing twice; a message's effects wait for H2 after the
 * message is stored, so that one update of a conversation covers several batches, and a reader sees them;
 * and a data directory of an earlier version, whose messages are rows of H2, has them moved into the store
 * at its first start.
 */
class MessageStoreH2Test {
    private static final ServerConfig.Chat LIMITS = ServerConfig.Chat.defaults();
    private static final Duration HOLD = Duration.ofHours(1);

    @Test
    void aCrashAfterOnlyTheStoreWroteItsFilesMovesH2OnceAndStoresNoMessageTwice() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Desk d = desk(h2.database());
            h2.holdBackgroundWrites();
            talk(h2.database(), d);
            h2.database().awaitStoredMessages();
            h2.database().messageStore().flush();
            h2.crash();
            assertThat(h2.messagesInFiles()).isEqualTo(4);
            assertThat(h2.countInFiles("support_chats WHERE unread_by_staff = 0")).isEqualTo(1);

            assertTalkedOnce(h2.openAfterCrash(), d);
        }
    }

    @Test
    void aCrashAfterOnlyH2WroteItsFileStoresTheMessagesOnceAndMovesNothingTwice() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Desk d = desk(h2.database());
            h2.holdBackgroundWrites();
            talk(h2.database(), d);
            h2.database().awaitStoredMessages();
            h2.database().jdbc().checkpoint();
            h2.crash();
            assertThat(h2.messagesInFiles()).isZero();
            assertThat(h2.countInFiles("support_chats WHERE unread_by_staff = 3 AND unread_by_customer = 1"))
                    .isEqualTo(1);

            assertTalkedOnce(h2.openAfterCrash(), d);
        }
    }

    @Test
    void storedMessagesWaitForTheirEffectsAndOneUpdateOfTheConversationCoversThemWhenSomeoneReads() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Desk d = desk(h2.database());
            h2.execute("CREATE TRIGGER count_updates BEFORE UPDATE ON conversations FOR EACH ROW CALL \""
                    + CountUpdates.class.getName() + "\"");
            h2.database().messages().lingerEffects(HOLD);
            CountUpdates.count.set(0);
            ConversationService service = service(h2.database());
            String[][] sends = {{"c", "one", "key-1"}, {"c", "two", "key-2"}, {"c", "three", "key-3"}, {"a", "reply", null}};
            Instant replied = null;
            for (int i = 0; i < sends.length; i++) {
                Message sent = service.send(new UserId(sends[i][0]), d.id, sends[i][1], sends[i][2]).message();
                if (sends[i][0].equals("a")) replied = sent.createdAt();
                awaitInStore(h2.database(), i + 1); // each message in a batch of its own
            }
            assertThat(h2.database().messages().waiting()).as("stored, their effects waiting").isEqualTo(4);
            assertThat(CountUpdates.count).as("no update of the conversation yet").hasValue(0);

            assertTalked(h2.database(), d); // the counters too: three for staff, one for the customer
            assertThat(h2.database().messages().waiting()).isZero();
            assertThat(CountUpdates.count).as("one update for four messages of four batches").hasValue(1);
            assertThat(d.chats.findById(d.id).orElseThrow().firstResponseAt()).isEqualTo(replied);
            assertThat(service.send(d.customer, d.id, "two", "key-2").duplicate()).as("a retry after all that").isTrue();
        }
    }

    @Test
    void sendsIntoASupportChatCheckWhoMayWriteWithoutMakingEarlierMessagesBeStoredFirst() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Desk d = desk(h2.database());
            MessageWriteBehind messages = h2.database().messages();
            messages.lingerEffects(HOLD);
            ConversationService service = service(h2.database());
            service.guardSends(new AssigneeWrites(d.support, new JdbcUserStore(h2.database(), Clock.systemUTC())));
            for (String text : new String[] {"one", "two", "three"}) service.send(d.customer, d.id, text, null);
            service.send(d.agent, d.id, "reply", null);
            awaitInStore(h2.database(), 4);

            assertThat(messages.waiting()).as("the guard's reads left the effects waiting").isEqualTo(4);
            assertThat(d.chats.writers(d.id)).contains(new SupportChatStore.Writers(d.customer, d.agent));
            assertThat(messages.waiting()).isEqualTo(4);
            assertThat(d.chats.findById(d.id).orElseThrow().unreadByStaff()).as("a full read still waits").isEqualTo(3);
            assertThat(messages.waiting()).isZero();

            UserId next = new UserId("a2");
            d.support.assign(next, d.id, next);
            assertThat(d.chats.writers(d.id)).contains(new SupportChatStore.Writers(d.customer, next));
            assertThatThrownBy(() -> service.send(d.agent, d.id, "still mine?", null)).as("the agent who held it before")
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_ASSIGNEE));
            ConversationService fresh = service(h2.database()); // this one's participants were cached before the move
            fresh.guardSends(new AssigneeWrites(d.support, new JdbcUserStore(h2.database(), Clock.systemUTC())));
            assertThat(fresh.send(next, d.id, "taking over", null).message().seq()).isEqualTo(5);
        }
    }

    @Test
    void aStoredMessageLeavesTheListAndItsRetryIsAnsweredByTheStoreWhileItsEffectsWait() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Desk d = desk(h2.database());
            MessageWriteBehind messages = h2.database().messages();
            messages.lingerEffects(HOLD);
            Appended first = messages.append(newMessage(d, "one", "key-1"));
            awaitInStore(h2.database(), 1);
            assertThat(messages.waiting()).as("stored, its effects waiting").isEqualTo(1);
            long lookups = messages.retryLookups();

            Appended retry = messages.append(newMessage(d, "one again", "key-1"));
            assertThat(retry.duplicate()).isTrue();
            assertThat(retry.message().id()).isEqualTo(first.message().id());
            assertThat(messages.retryLookups()).as("the store answered for it").isEqualTo(lookups + 1);
            assertThat(messages.append(newMessage(d, "two", "key-2")).message().seq())
                    .as("the conversation's seq kept while its effects wait").isEqualTo(2);
            assertThat(messages.waiting()).isEqualTo(2);

            assertThat(service(h2.database()).get(d.agent, d.id).lastSeq()).as("a read applies both stages").isEqualTo(2);
            assertThat(messages.waiting()).isZero();
        }
    }

    @Test
    void aCrashWhileStoredMessagesWaitForTheirEffectsMovesH2OnceFromTheJournal() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Desk d = desk(h2.database());
            h2.holdBackgroundWrites();
            h2.database().messages().lingerEffects(HOLD);
            talk(h2.database(), d);
            awaitInStore(h2.database(), 4);
            h2.database().messageStore().flush();
            h2.crash();
            assertThat(h2.messagesInFiles()).isEqualTo(4);
            assertThat(h2.countInFiles("conversations WHERE last_seq = 0")).as("H2 moved nothing").isEqualTo(1);
            assertThat(h2.countInFiles("support_chats WHERE unread_by_staff = 0")).isEqualTo(1);

            assertTalkedOnce(h2.openAfterCrash(), d);
        }
    }

    @Test
    void aBatchMovesTheCountersOncePerSenderAndItsFirstResponseIsTheEarliestStaffMessage() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Desk d = desk(h2.database());
            h2.execute("CREATE TRIGGER count_updates BEFORE UPDATE ON support_chats FOR EACH ROW CALL \""
                    + CountUpdates.class.getName() + "\"");
            CountUpdates.count.set(0);
            Instant t = Instant.parse("2026-12-03T09:00:00Z");
            UserId other = new UserId("other-staff");
            List<WaitingMessages.Waiting> batch = List.of(
                    waiting(d, 1, d.customer, t, Visibility.ALL),
                    waiting(d, 2, other, t.plusSeconds(2), Visibility.ALL),
                    waiting(d, 3, d.agent, t.plusSeconds(1), Visibility.ALL), // earlier, though later in the batch
                    waiting(d, 4, d.customer, t.plusSeconds(3), Visibility.ALL),
                    waiting(d, 5, other, t.plusSeconds(4), Visibility.ALL),
                    waiting(d, 6, d.agent, t.plusMillis(500), Visibility.STAFF)); // a note: moves nothing

            PendingEffects effects = new PendingEffects(System.nanoTime());
            batch.forEach(effects::add);
            h2.database().jdbc().inJournaledTransactionOnce(c -> {
                AppliedMessages.applyEffects(c, effects);
                return null;
            });

            SupportChat chat = d.chats.findById(d.id).orElseThrow();
            assertThat(chat.unreadByStaff()).isEqualTo(2);
            assertThat(chat.unreadByCustomer()).isEqualTo(3);
            assertThat(chat.firstResponseAt()).isEqualTo(t.plusSeconds(1));
            assertThat(CountUpdates.count).as("one statement per sender").hasValue(3);
        }
    }

    @Test
    void messagesOfADirectCustomerAgentConversationRunNoStatementOnTheSupportChatsCounters() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Desk d = desk(h2.database());
            // statement-level: counts an UPDATE even when it matches no row
            h2.execute("CREATE TRIGGER count_statements BEFORE UPDATE ON support_chats CALL \""
                    + CountUpdates.class.getName() + "\"");
            CountUpdates.count.set(0);
            ConversationService service = service(h2.database());
            ConversationId direct = service.sendDirect(d.customer, d.agent, "hello", null).message().conversationId();
            service.sendDirect(d.agent, d.customer, "hi", null);

            Conversation read = service.get(d.agent, direct); // a read: both stages are applied first
            assertThat(read.type()).isEqualTo(ConversationType.CUSTOMER_SUPPORT);
            assertThat(read.lastSeq()).as("both stages applied for the read").isEqualTo(2);
            assertThat(CountUpdates.count).as("statements on support_chats for a direct conversation").hasValue(0);
            talk(h2.database(), d);
            assertThat(service.get(d.agent, d.id).lastSeq()).isEqualTo(4);
            SupportChat chat = new JdbcSupportChatStore(h2.database()).findById(d.id).orElseThrow();
            assertThat(chat.unreadByStaff()).as("the support chat's counters still move").isEqualTo(3);
            assertThat(chat.unreadByCustomer()).isEqualTo(1);
            assertThat(CountUpdates.count.get()).isPositive();
        }
    }

    private static NewMessage newMessage(Desk d, String text, String clientKey) {
        return new NewMessage(MessageId.random(), d.id, d.customer, text, MessageKind.TEXT, clientKey, Instant.now());
    }

    private static WaitingMessages.Waiting waiting(Desk d, long seq, UserId sender, Instant at, Visibility visibility) {
        Message m = new Message(MessageId.timeOrdered(at), d.id, seq, sender, "m" + seq, MessageKind.TEXT, null, at, null,
                visibility, null);
        return new WaitingMessages.Waiting(seq, m, 0, true);
    }

    @Test
    void theFirstStartWithTheStoreMovesTheRowsOfAnEarlierVersionIntoItEditsIncluded() {
        try (H2TestDatabase h2 = new H2TestDatabase(false)) {
            Desk d = desk(h2.database());
            talk(h2.database(), d);
            ConversationService rows = service(h2.database());
            Message first = rows.after(d.customer, d.id, 0, 1).messages().getFirst();
            rows.edit(d.customer, d.id, first.id(), "edited");

            Database database = h2.reopen(true);
            ConversationService moved = service(database);
            assertThat(moved.after(d.agent, d.id, 0, 10).messages()).extracting(Message::text)
                    .containsExactly("edited", "two", "three", "reply");
            assertThat(moved.send(d.customer, d.id, "three", "key-3").duplicate())
                    .as("the client key moved with its message").isTrue();
            assertThat(moved.send(d.customer, d.id, "four", null).message().seq()).isEqualTo(5);
            database.awaitStoredMessages();
            assertThat(h2.countInFiles("messages")).as("the rows are gone from H2").isZero();

            assertThat(service(h2.reopen()).after(d.agent, d.id, 0, 10).messages()).extracting(Message::text)
                    .containsExactly("edited", "two", "three", "reply", "four");
        }
    }

    @Test
    void effectsH2RefusesOnceAreAppliedWholeOnTheNextTryMovingEveryCounterOnceAlsoAfterARestart() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Desk d = desk(h2.database());
            h2.execute("CREATE TRIGGER fail_once BEFORE UPDATE ON support_chats FOR EACH ROW CALL \""
                    + FailOnce.class.getName() + "\"");
            FailOnce.armed.set(true);
            talk(h2.database(), d);
            h2.database().awaitStoredMessages();

            assertThat(FailOnce.armed).as("the injected failure happened").isFalse();
            assertTalked(h2.database(), d);
            assertTalked(h2.reopen(), d);
        }
    }

    /** An H2 trigger that counts the updated rows of its table. */
    public static final class CountUpdates implements Trigger {
        static final AtomicInteger count = new AtomicInteger();

        @Override
        public void fire(Connection c, Object[] oldRow, Object[] newRow) {
            count.incrementAndGet();
        }
    }

    /** Waits until the store holds {@code n} messages (the applier's first stage). */
    private static void awaitInStore(Database database, long n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (database.messageStore().count() < n) {
            assertThat(System.nanoTime() - deadline).as("the store did not reach %d messages", n).isNegative();
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    /** An H2 trigger that refuses one update when armed: a failed apply transaction, injected. */
    public static final class FailOnce implements Trigger {
        static final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public void fire(Connection c, Object[] oldRow, Object[] newRow) throws SQLException {
            if (armed.compareAndSet(true, false)) throw new SQLException("injected failure", "HY000");
        }
    }

    private record Desk(SupportChatService support, JdbcSupportChatStore chats, UserId customer, UserId agent,
            ConversationId id) {}

    private static Desk desk(Database database) {
        JdbcUserStore users = new JdbcUserStore(database, Clock.systemUTC());
        UserId customer = users.upsertExternal(new UserId("c"), Role.CUSTOMER, "C", null, UserStatus.ACTIVE).id();
        UserId agent = users.upsertExternal(new UserId("a"), Role.AGENT, "A", null, UserStatus.ACTIVE).id();
        users.upsertExternal(new UserId("a2"), Role.AGENT, "A2", null, UserStatus.ACTIVE);
        JdbcSupportChatStore chats = new JdbcSupportChatStore(database);
        SupportChatService support = new SupportChatService(chats, users, service(database),
                new TickingClock(Instant.parse("2026-12-02T09:00:00Z")));
        SupportChat chat = support.openForQueue(customer, "", null, null);
        support.assign(agent, chat.id(), agent);
        return new Desk(support, chats, customer, agent, chat.id());
    }

    /** Three messages from the customer (client keys key-1..3), one reply. */
    private static void talk(Database database, Desk d) {
        ConversationService service = service(database);
        for (String text : new String[] {"one", "two", "three"}) {
            service.send(d.customer, d.id, text, "key-" + (text.equals("one") ? 1 : text.equals("two") ? 2 : 3));
        }
        service.send(d.agent, d.id, "reply", null);
    }

    private static void assertTalkedOnce(Database database, Desk d) {
        assertTalked(database, d);
        assertThat(service(database).send(d.customer, d.id, "after", null).message().seq()).isEqualTo(5);
    }

    /** The four messages of {@link #talk}, once each, and what they moved in H2. */
    private static void assertTalked(Database database, Desk d) {
        ConversationService service = service(database);
        assertThat(service.after(d.agent, d.id, 0, 10).messages()).extracting(Message::text)
                .containsExactly("one", "two", "three", "reply");
        assertThat(service.get(d.agent, d.id).lastSeq()).isEqualTo(4);
        SupportChat chat = new JdbcSupportChatStore(database).findById(d.id).orElseThrow();
        assertThat(chat.unreadByStaff()).isEqualTo(3);
        assertThat(chat.unreadByCustomer()).isEqualTo(1);
        assertThat(database.messageStore().count()).as("messages counted once").isEqualTo(4);
    }

    private static ConversationService service(Database database) {
        return new ConversationService(new JdbcConversationStore(database),
                new JdbcUserStore(database, Clock.systemUTC()), Clock.systemUTC(), LIMITS);
    }
}
