package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.identity.CachedUserStore;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import dev.switchboard.routing.AssigneeWrites;
import dev.switchboard.support.SupportChatService;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seed 004's send on the event loop ({@code sendDirectNow}): stored at once when everything it needs
 * is in memory, and otherwise refused with nothing written, so that the event can go to a virtual
 * thread and be stored there exactly once. The applier is held back (a long linger) so that messages
 * are known to be waiting when the test looks.
 */
class SendNowH2Test {
    private static final Duration HOLD = Duration.ofHours(1);

    @Test
    void aSendWhoseUsersConversationAndSeqAreInMemoryIsStoredAtOnceAndReadsSeeIt() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Chat chat = chat(h2.database());
            h2.database().messages().linger(HOLD);
            chat.service().sendDirect(chat.customer(), chat.agent(), "first", null); // fills what is remembered

            Optional<SendResult> now = whenListFree(h2,
                    () -> chat.service().sendDirectNow(chat.customer(), chat.agent(), "second", "k2"));

            assertThat(now).isPresent();
            assertThat(now.get().duplicate()).isFalse();
            assertThat(now.get().message().seq()).isEqualTo(2);
            assertThat(now.get().recipients()).containsExactly(chat.agent());
            assertThat(h2.database().messages().waiting()).isEqualTo(2);
            assertThat(chat.service().after(chat.customer(), now.get().message().conversationId(), 0, 10).messages())
                    .extracting(Message::text).containsExactly("first", "second");
        }
    }

    @Test
    void aSendFindingTheListLockedByAnotherThreadIsLeftToTheWaitingPathWithoutWaitingForIt() throws Exception {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Chat chat = chat(h2.database());
            h2.database().messages().linger(HOLD);
            chat.service().sendDirect(chat.customer(), chat.agent(), "first", null);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = Thread.ofPlatform().start(() -> h2.database().messages().whileListLocked(() -> {
                held.countDown();
                awaitQuietly(release); // at most 10 s: a send that waited for the lock fails below instead of hanging
            }));
            held.await();
            try {
                long started = System.nanoTime();
                assertThat(chat.service().sendDirectNow(chat.customer(), chat.agent(), "second", "k2")).isEmpty();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("did not wait for the lock")
                        .isLessThan(Duration.ofSeconds(5));
            } finally {
                release.countDown();
                holder.join();
            }
            assertThat(h2.database().messages().waiting()).as("nothing written").isEqualTo(1);
            SendResult waited = chat.service().sendDirect(chat.customer(), chat.agent(), "second", "k2");
            assertThat(waited.duplicate()).isFalse();
            assertThat(waited.message().seq()).isEqualTo(2);
            assertThat(whenListFree(h2,
                    () -> chat.service().sendDirectNow(chat.customer(), chat.agent(), "third", null)).orElseThrow()
                    .message().seq()).as("and on the loop again once the lock is free").isEqualTo(3);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aConversationsFirstMessageSinceAStartIsLeftToTheWaitingPathWithNothingWritten() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Chat created = chat(h2.database());
            created.service().getOrCreateDirect(created.customer(), created.agent(), Optional.empty());
            Chat chat = chat(h2.reopen()); // the conversation exists; its seq counter is not in memory
            h2.database().messages().linger(HOLD);
            chat.service().getOrCreateDirect(chat.customer(), chat.agent(), Optional.empty()); // remembered

            assertThat(chat.service().sendDirectNow(chat.customer(), chat.agent(), "hello", "k1")).isEmpty();
            assertThat(h2.database().messages().waiting()).isZero();

            SendResult waited = chat.service().sendDirect(chat.customer(), chat.agent(), "hello", "k1");
            assertThat(waited.duplicate()).as("the refused attempt stored nothing under its key").isFalse();
            assertThat(waited.message().seq()).isEqualTo(1);
        }
    }

    @Test
    void aConversationCreatedByThisServerHasItsFirstMessageStoredAtOnce() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Chat chat = chat(h2.database());
            h2.database().messages().linger(HOLD);
            chat.service().getOrCreateDirect(chat.customer(), chat.agent(), Optional.empty()); // created: last seq 0

            SendResult first = whenListFree(h2,
                    () -> chat.service().sendDirectNow(chat.customer(), chat.agent(), "hello", "k1")).orElseThrow();

            assertThat(first.message().seq()).isEqualTo(1);
            assertThat(h2.database().messages().waiting()).isEqualTo(1);
            assertThat(chat.service().sendDirect(chat.customer(), chat.agent(), "hello", "k1").duplicate())
                    .as("its retry is the same message").isTrue();
            assertThat(chat.service().sendDirect(chat.customer(), chat.agent(), "again", null).message().seq())
                    .isEqualTo(2);
            assertThat(chat.service().after(chat.customer(), first.message().conversationId(), 0, 10).messages())
                    .extracting(Message::seq).containsExactly(1L, 2L);
        }
    }

    @Test
    void aConversationNotRememberedOrAUserNotInMemoryIsLeftToTheWaitingPath() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Chat chat = chat(h2.database());
            h2.database().messages().linger(HOLD);
            chat.service().sendDirect(chat.customer(), chat.agent(), "first", null);
            ConversationService fresh = service(h2.database()); // remembers nothing yet

            assertThat(fresh.sendDirectNow(chat.customer(), chat.agent(), "second", null)).isEmpty();
            assertThat(h2.database().messages().waiting()).isEqualTo(1);
            assertThat(fresh.sendDirect(chat.customer(), chat.agent(), "second", null).message().seq()).isEqualTo(2);
            assertThat(whenListFree(h2, () -> fresh.sendDirectNow(chat.customer(), chat.agent(), "third", null))
                    .orElseThrow().message().seq()).isEqualTo(3);
        }
    }

    @Test
    void aRetryOfAWaitingMessageIsAnsweredAtOnceAndOneAlreadyAppliedIsLeftToTheWaitingPath() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Chat chat = chat(h2.database());
            h2.database().messages().linger(HOLD);
            SendResult original = chat.service().sendDirect(chat.customer(), chat.agent(), "hello", "key-1");

            SendResult whileWaiting = whenListFree(h2,
                    () -> chat.service().sendDirectNow(chat.customer(), chat.agent(), "hello", "key-1")).orElseThrow();
            assertThat(whileWaiting.duplicate()).isTrue();
            assertThat(whileWaiting.message()).isEqualTo(original.message());

            chat.service().after(chat.customer(), original.message().conversationId(), 0, 10); // a read: now applied
            assertThat(chat.service().sendDirectNow(chat.customer(), chat.agent(), "hello", "key-1"))
                    .as("the key may be stored: a look that could wait").isEmpty();
            SendResult afterApplied = chat.service().sendDirect(chat.customer(), chat.agent(), "hello", "key-1");
            assertThat(afterApplied.duplicate()).isTrue();
            assertThat(afterApplied.message().id()).isEqualTo(original.message().id());
            assertThat(h2.database().messages().waiting()).isZero();
        }
    }

    @Test
    void badInputIsRefusedOnTheLoopAsOnTheWaitingPathAndWritesNothing() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Chat chat = chat(h2.database());
            h2.database().messages().linger(HOLD);
            chat.service().sendDirect(chat.customer(), chat.agent(), "first", null);

            assertThatThrownBy(() -> chat.service().sendDirectNow(chat.customer(), chat.agent(), " ", null))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
            assertThatThrownBy(() -> chat.service().sendDirectNow(chat.customer(), chat.customer(), "me", null))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
            assertThat(h2.database().messages().waiting()).isEqualTo(1);
        }
    }

    @Test
    void aNativeSendToARememberedConversationIsStoredAtOnceAndANonParticipantIsRefused() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Chat chat = chat(h2.database());
            h2.database().messages().linger(HOLD);
            ConversationId id = chat.service().getOrCreateDirect(chat.customer(), chat.agent(), Optional.empty()).id();

            assertThat(service(h2.database()).sendNow(chat.customer(), id, "first", null))
                    .as("participants not remembered by a service that has not seen the conversation").isEmpty();
            assertThat(whenListFree(h2, () -> chat.service().sendNow(chat.customer(), id, "first", null)))
                    .as("created by this one").isPresent();
            SendResult now = whenListFree(h2, () -> chat.service().sendNow(chat.agent(), id, "second", "k2"))
                    .orElseThrow();

            assertThat(now.message().seq()).isEqualTo(2);
            assertThat(now.recipients()).containsExactly(chat.customer());
            assertThatThrownBy(() -> chat.service().sendNow(new UserId("someone-else"), id, "intruder", null))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_PARTICIPANT));
            assertThat(h2.database().messages().waiting()).isEqualTo(2);
        }
    }

    @Test
    void aDirectCustomerAgentConversationFirstSentToByIdAfterARestartThenSendsOnTheLoop() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Chat created = chat(h2.database());
            ConversationId id = created.service().getOrCreateDirect(created.customer(), created.agent(), Optional.empty())
                    .id();
            Chat chat = chat(h2.reopen()); // nothing remembered: the first send by id loads the conversation
            h2.database().messages().linger(HOLD);
            chat.service().send(chat.customer(), id, "first", null);

            // of the support type, as customer-agent conversations are, but direct: not a support chat
            SendResult now = whenListFree(h2, () -> chat.service().sendNow(chat.agent(), id, "second", null))
                    .orElseThrow();

            assertThat(now.message().seq()).isEqualTo(2);
            assertThat(now.maybeSupportChat()).isFalse();
        }
    }

    @Test
    void aSupportChatsCustomerAndAssigneeSendOnTheLoopOnceRememberedAndAFormerAssigneeIsLeftToTheCheck() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Chat chat = chat(h2.database());
            JdbcUserStore users = new JdbcUserStore(h2.database(), Clock.systemUTC());
            UserId next = users.upsertExternal(new UserId("a2"), Role.AGENT, "A2", null, UserStatus.ACTIVE).id();
            SupportChatService support = new SupportChatService(new JdbcSupportChatStore(h2.database()), users,
                    chat.service(), Clock.systemUTC());
            chat.service().guardSends(new AssigneeWrites(support, users));
            ConversationId id = support.openForQueue(chat.customer(), "", null, null).id();
            support.assign(chat.agent(), id, chat.agent());
            h2.database().messages().linger(HOLD);

            assertThat(chat.service().sendNow(chat.customer(), id, "first", null))
                    .as("participants and writers not remembered yet").isEmpty();
            chat.service().send(chat.customer(), id, "first", null); // the waiting path remembers both
            assertThat(whenListFree(h2, () -> chat.service().sendNow(chat.customer(), id, "second", null))).isPresent();
            assertThat(whenListFree(h2, () -> chat.service().sendNow(chat.agent(), id, "third", null))).isPresent();

            support.assign(next, id, next);
            chat.service().send(next, id, "fourth", null); // remembers the new writers
            assertThat(whenListFree(h2, () -> chat.service().sendNow(next, id, "fifth", null))).as("the new assignee")
                    .isPresent();
            assertThat(chat.service().sendNow(chat.agent(), id, "sixth", null))
                    .as("the former assignee is left to the check, which refuses").isEmpty();
            assertThatThrownBy(() -> chat.service().send(chat.agent(), id, "sixth", null))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_ASSIGNEE));
            assertThat(chat.service().after(next, id, 0, 10).messages()).extracting(Message::text)
                    .containsExactly("first", "second", "third", "fourth", "fifth");
        }
    }

    /**
     * A send on the loop's path, tried again while it fell back having written nothing: besides what each
     * test arranges, a send falls back when the waiting list's lock is busy at that instant (the applier
     * holds it briefly whenever it wakes, e.g. right after {@code linger}), which a loaded machine can
     * stretch to the moment of the test's send. What the tests arrange is the same on every try, so a send
     * that should fall back still does.
     */
    private static Optional<SendResult> whenListFree(H2TestDatabase h2, Supplier<Optional<SendResult>> send) {
        int waiting = h2.database().messages().waiting();
        Optional<SendResult> sent = send.get();
        for (int tries = 1; sent.isEmpty() && tries < 200; tries++) {
            assertThat(h2.database().messages().waiting()).as("a send that fell back wrote nothing").isEqualTo(waiting);
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            sent = send.get();
        }
        return sent;
    }

    private record Chat(ConversationService service, UserId customer, UserId agent) {}

    private static Chat chat(Database database) {
        JdbcUserStore users = new JdbcUserStore(database, Clock.systemUTC());
        UserId customer = users.upsertExternal(new UserId("c"), Role.CUSTOMER, "C", null, UserStatus.ACTIVE).id();
        UserId agent = users.upsertExternal(new UserId("a"), Role.AGENT, "A", null, UserStatus.ACTIVE).id();
        return new Chat(service(database), customer, agent);
    }

    /** As the server builds it on the embedded database: users remembered in memory. */
    private static ConversationService service(Database database) {
        return new ConversationService(new JdbcConversationStore(database),
                new CachedUserStore(new JdbcUserStore(database, Clock.systemUTC())), Clock.systemUTC(),
                ServerConfig.Chat.defaults());
    }
}
