package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationStore.Appended;
import dev.switchboard.conversation.ConversationStore.NewMessage;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The send path's shortcuts (issue 3) keep every rule: what the service remembers about conversations
 * never lets an outsider in, role changes count from the next send on, and a group-commit batch
 * (written here directly, to choose what shares it) gives each message what a transaction of its own
 * would: gap-free seqs in order, idempotency, failure alone.
 */
abstract class SendPathContract extends ConversationContractBase {

    @Test
    void aRememberedConversationStillRefusesOutsiders() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId id = service.sendDirect(customer, agent, "hello", null).message().conversationId();
        service.send(agent, id, "hi", null);

        assertFails(ErrorCode.NOT_PARTICIPANT, () -> service.send(user(Role.AGENT), id, "let me in", null));
        assertFails(ErrorCode.CONVERSATION_NOT_FOUND, () -> service.send(customer, ConversationId.random(), "?", null));
    }

    @Test
    void aRoleChangeDecidesTheNextDirectSend() {
        UserId customer = user(Role.CUSTOMER);
        UserId person = user(Role.AGENT);
        SendResult toAgent = service.sendDirect(customer, person, "help", null);

        // The host application now says this person is a seller: the pair's next message belongs to
        // a customer–seller conversation, not to the support one remembered from the first send.
        users.upsertExternal(person, Role.SELLER, "Now a seller", null, UserStatus.ACTIVE);
        SendResult toSeller = service.sendDirect(customer, person, "is it in stock?", null);

        assertThat(toSeller.message().conversationId()).isNotEqualTo(toAgent.message().conversationId());
        assertThat(service.get(customer, toSeller.message().conversationId()).type())
                .isEqualTo(ConversationType.CUSTOMER_SELLER);

        users.upsertExternal(person, Role.CUSTOMER, "Now a customer", null, UserStatus.ACTIVE);
        assertFails(ErrorCode.FORBIDDEN, () -> service.sendDirect(customer, person, "still there?", null));
    }

    @Test
    void aDirectSendToAnUnknownUserFailsAndStoresNothing() {
        UserId customer = user(Role.CUSTOMER);

        assertFails(ErrorCode.USER_NOT_FOUND, () -> service.sendDirect(customer, new UserId("ghost"), "boo", null));
        assertThat(service.listForUser(customer, null, 10).items()).isEmpty();
    }

    @Test
    void directSendsAndGetOrCreateAgreeOnTheConversationWhicheverComesFirst() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);

        SendResult first = service.sendDirect(agent, customer, "how can I help?", null);
        ConversationId viaCreate = service.getOrCreateDirect(customer, agent, Optional.empty()).id();
        SendResult second = service.sendDirect(customer, agent, "my order", null);

        assertThat(viaCreate).isEqualTo(first.message().conversationId()).isEqualTo(second.message().conversationId());
        assertThat(second.message().seq()).isEqualTo(2);
        assertThat(second.recipients()).containsExactly(agent);
    }

    @Test
    void aRetryRefusedByTheClientKeyLeavesNoGapInTheSeqs() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        SendResult original = service.sendDirect(customer, agent, "first", "k-1");

        SendResult retry = service.sendDirect(customer, agent, "first", "k-1");
        SendResult next = service.sendDirect(customer, agent, "second", "k-2");

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message()).isEqualTo(original.message());
        assertThat(next.message().seq()).isEqualTo(2);
        assertThat(service.get(customer, next.message().conversationId()).lastSeq()).isEqualTo(2);
    }

    @Test
    void concurrentSendsThroughGroupCommitGetGapFreeSeqsInEveryConversation() throws Exception {
        UserId agent = user(Role.AGENT);
        List<UserId> customers = List.of(user(Role.CUSTOMER), user(Role.CUSTOMER), user(Role.CUSTOMER));

        List<SendResult> results = concurrently(12, 300,
                () -> service.sendDirect(customers.get((int) (Thread.currentThread().threadId() % 3)), agent, "hi", null));

        for (UserId customer : customers) {
            List<Long> seqs = results.stream().map(SendResult::message)
                    .filter(m -> m.senderId().equals(customer)).map(Message::seq).sorted().toList();
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        }
        assertThat(results).noneMatch(SendResult::duplicate);
    }

    @Test
    void aBatchGivesEachConversationConsecutiveSeqsInTheBatchOrder() {
        ConversationId first = conversation();
        ConversationId second = conversation();
        service.send(sender(first), first, "before the batch", null);

        List<Appended> stored = values(appender().writeAll(List.of(
                message(first, "1", null), message(second, "2", null), message(first, "3", null),
                message(second, "4", null), message(first, "5", null))));

        assertThat(stored).extracting(a -> a.message().seq()).containsExactly(2L, 1L, 3L, 2L, 4L);
        assertThat(stored).noneMatch(Appended::duplicate);
        assertThat(service.after(sender(first), first, 0, 10).messages()).extracting(Message::text)
                .containsExactly("before the batch", "1", "3", "5");
    }

    @Test
    void theSameClientKeyTwiceInOneBatchStoresOneMessage() {
        ConversationId id = conversation();

        List<Appended> stored = values(appender().writeAll(List.of(
                message(id, "once", "key-1"), message(id, "other", null), message(id, "once", "key-1"))));

        assertThat(stored.get(2).duplicate()).isTrue();
        assertThat(stored.get(2).message()).isEqualTo(stored.get(0).message());
        assertThat(stored).extracting(a -> a.message().seq()).containsExactly(1L, 2L, 1L);
        assertThat(service.get(sender(id), id).lastSeq()).isEqualTo(2);
    }

    @Test
    void aMessageToAMissingConversationFailsAloneInItsBatch() {
        ConversationId id = conversation();
        ConversationId missing = ConversationId.random();

        List<GroupCommit.Outcome<Appended>> outcomes = appender().writeAll(List.of(
                message(id, "a", null), new NewMessage(MessageId.random(), missing, sender(id), "lost", MessageKind.TEXT,
                        null, Instant.parse("2025-03-01T10:00:00Z")), message(id, "b", null)));

        assertThat(outcomes.get(1).error()).isInstanceOfSatisfying(SwitchboardException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONVERSATION_NOT_FOUND));
        assertThat(outcomes.get(0).value().message().seq()).isEqualTo(1);
        assertThat(outcomes.get(2).value().message().seq()).isEqualTo(2);
    }

    @Test
    void aBatchWithARetryOfAnEarlierMessageRollsBackWholeAndEachItemAloneThenSucceeds() {
        ConversationId id = conversation();
        Appended original = appender().writeOne(message(id, "original", "key-9"));
        List<NewMessage> batch = List.of(message(id, "new", null), message(id, "original", "key-9"));

        assertThatThrownBy(() -> appender().writeAll(batch)).isInstanceOf(RolledBackException.class);
        assertThat(service.get(sender(id), id).lastSeq()).isEqualTo(1); // the reserved seqs rolled back too

        assertThat(appender().writeOne(batch.get(0)).message().seq()).isEqualTo(2);
        Appended retry = appender().writeOne(batch.get(1));
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message()).isEqualTo(original.message());
    }

    @Test
    void aBatchWithAnElementTheDatabaseRefusesRollsBackWholeAndTheOthersStoreAlone() {
        ConversationId id = conversation();
        // the column holds 128 characters: the database refuses a longer key (the service never sends one)
        NewMessage overlong = new NewMessage(MessageId.random(), id, sender(id), "x", MessageKind.TEXT,
                "k".repeat(Message.MAX_CLIENT_KEY_LENGTH + 1), Instant.parse("2025-03-01T10:00:00Z"));
        List<NewMessage> batch = List.of(message(id, "a", null), overlong, message(id, "b", null));

        assertThatThrownBy(() -> appender().writeAll(batch)).isInstanceOf(RolledBackException.class);
        assertThat(service.get(sender(id), id).lastSeq()).isZero();
        assertThatThrownBy(() -> appender().writeOne(overlong)).isInstanceOf(SwitchboardException.class);
        assertThat(appender().writeOne(batch.get(0)).message().seq()).isEqualTo(1);
        assertThat(appender().writeOne(batch.get(2)).message().seq()).isEqualTo(2);
    }

    private MessageAppender appender() {
        return new MessageAppender(db.database().jdbc(), db.database().embedded());
    }

    private ConversationId conversation() {
        return service.getOrCreateDirect(user(Role.CUSTOMER), user(Role.AGENT), Optional.empty()).id();
    }

    private UserId sender(ConversationId id) {
        return service.lookup(id).orElseThrow().participants().getFirst();
    }

    private NewMessage message(ConversationId id, String text, String clientKey) {
        return new NewMessage(MessageId.random(), id, sender(id), text, MessageKind.TEXT, clientKey,
                Instant.parse("2025-03-01T10:00:00Z"));
    }

    private static List<Appended> values(List<GroupCommit.Outcome<Appended>> outcomes) {
        return outcomes.stream().map(o -> {
            if (o.error() != null) throw o.error();
            return o.value();
        }).toList();
    }
}
