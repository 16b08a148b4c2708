package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.MessagePage;
import dev.switchboard.conversation.ReadReceipt;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.conversation.UnreadCounts;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Messages through {@link dev.switchboard.conversation.ConversationService}: send, history, read state. */
abstract class MessagingContract extends ConversationContractBase {

    @Test
    void messagesGetConsecutiveSeqsFromOneAndReachTheOtherParticipant() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId id = conversation(customer, agent);

        SendResult first = service.send(customer, id, "hello", "k1");
        SendResult second = service.send(agent, id, "hi, how can I help?", null);

        assertThat(first.message().seq()).isEqualTo(1);
        assertThat(second.message().seq()).isEqualTo(2);
        assertThat(first.duplicate()).isFalse();
        assertThat(first.recipients()).containsExactly(agent);
        assertThat(second.recipients()).containsExactly(customer);
        assertThat(first.message().kind()).isEqualTo(MessageKind.TEXT);
        assertThat(first.message().clientKey()).isEqualTo("k1");
        assertThat(service.get(agent, id).lastSeq()).isEqualTo(2);
        assertThat(service.history(agent, id, null, 10).messages()).containsExactly(first.message(), second.message());
    }

    @Test
    void concurrentSendsIntoOneConversationGetSeqsOneToFourHundredExactly() throws Exception {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId id = conversation(customer, agent);
        AtomicInteger counter = new AtomicInteger();

        concurrently(8, 8, () -> {
            for (int i = 0; i < 50; i++) {
                int n = counter.incrementAndGet();
                service.send(n % 2 == 0 ? customer : agent, id, "message " + n, null);
            }
            return null;
        });

        List<Long> seqs = service.after(customer, id, 0, MAX_PAGE_SIZE).messages().stream().map(Message::seq).toList();
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, MAX_PAGE_SIZE).boxed().toList());
        assertThat(allMessages(customer, id)).extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
        assertThat(service.get(agent, id).lastSeq()).isEqualTo(400);
    }

    @Test
    void retriedSendWithSameClientKeyCreatesNoDuplicate() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId id = conversation(customer, agent);

        SendResult original = service.send(customer, id, "order #42 is late", "retry-1");
        SendResult retry = service.send(customer, id, "order #42 is late", "retry-1");

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message()).isEqualTo(original.message());
        assertThat(allMessages(customer, id)).hasSize(1);
        assertThat(service.unreadCount(agent).in(id)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesWithOneClientKeyStoreOneMessage() throws Exception {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId id = conversation(customer, agent);

        List<SendResult> results = concurrently(8, 16, () -> service.send(customer, id, "once", "same-key"));

        assertThat(results).extracting(r -> r.message().id()).containsOnly(results.getFirst().message().id());
        assertThat(results).filteredOn(r -> !r.duplicate()).hasSize(1);
        assertThat(allMessages(customer, id)).extracting(Message::seq).containsExactly(1L);
    }

    @Test
    void theSameClientKeyFromAnotherSenderIsAnotherMessage() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId id = conversation(customer, agent);

        service.send(customer, id, "from customer", "k");
        SendResult fromAgent = service.send(agent, id, "from agent", "k");

        assertThat(fromAgent.duplicate()).isFalse();
        assertThat(fromAgent.message().seq()).isEqualTo(2);
    }

    @Test
    void sendDirectLandsInTheConversationGetOrCreateReturns() {
        UserId customer = user(Role.CUSTOMER);
        UserId admin = user(Role.ADMIN);

        SendResult sent = service.sendDirect(customer, admin, "Hello, I need help", null);
        SendResult reply = service.sendDirect(admin, customer, "Hi, how can I help you?", null);

        ConversationId id = service.getOrCreateDirect(admin, customer, Optional.empty()).id();
        assertThat(sent.message().conversationId()).isEqualTo(id);
        assertThat(reply.message().conversationId()).isEqualTo(id);
        assertThat(reply.message().seq()).isEqualTo(2);
        assertThat(sent.recipients()).containsExactly(admin);
    }

    @Test
    void invalidMessagesAreRejectedAndChangeNothing() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId id = conversation(customer, agent);
        UserId stranger = user(Role.AGENT);

        assertFails(ErrorCode.MESSAGE_TOO_LONG, () -> service.send(customer, id, "x".repeat(MAX_MESSAGE_CHARS + 1), null));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.send(customer, id, "  \n ", null));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.send(customer, id, null, null));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.send(customer, id, "nul\0", null));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.send(customer, id, "ok", "k".repeat(129)));
        assertFails(ErrorCode.MESSAGE_TOO_LONG, () -> service.sendDirect(stranger, customer, "y".repeat(MAX_MESSAGE_CHARS + 1), null));

        assertThat(service.get(customer, id).lastSeq()).isZero();
        assertThat(allMessages(customer, id)).isEmpty();
        assertThat(service.listForUser(stranger, null, 10).items()).isEmpty();
        // Exactly at the limit is fine, counted in characters as people see them (an emoji is one).
        assertThat(service.send(customer, id, "😀".repeat(MAX_MESSAGE_CHARS), null).message().seq()).isEqualTo(1);
    }

    @Test
    void historyPagesBackwardsFromTheNewestReturningEachPageOldestFirst() {
        ConversationId id = conversationWithMessages(user(Role.CUSTOMER), user(Role.AGENT), 7);
        UserId reader = participant(id);

        MessagePage newest = service.history(reader, id, null, 3);
        MessagePage middle = service.history(reader, id, newest.messages().getFirst().seq(), 3);
        MessagePage oldest = service.history(reader, id, middle.messages().getFirst().seq(), 3);

        assertThat(newest.messages()).extracting(Message::seq).containsExactly(5L, 6L, 7L);
        assertThat(middle.messages()).extracting(Message::seq).containsExactly(2L, 3L, 4L);
        assertThat(oldest.messages()).extracting(Message::seq).containsExactly(1L);
        assertThat(newest.hasMore()).isTrue();
        assertThat(oldest.hasMore()).isFalse();
    }

    @Test
    void catchUpAfterReconnectReturnsEveryMissedMessageInOrder() {
        ConversationId id = conversationWithMessages(user(Role.CUSTOMER), user(Role.AGENT), 7);
        UserId reader = participant(id);

        MessagePage missed = service.after(reader, id, 4, 2);
        MessagePage rest = service.after(reader, id, missed.messages().getLast().seq(), 2);

        assertThat(missed.messages()).extracting(Message::seq).containsExactly(5L, 6L);
        assertThat(missed.hasMore()).isTrue();
        assertThat(rest.messages()).extracting(Message::seq).containsExactly(7L);
        assertThat(rest.hasMore()).isFalse();
        assertThat(service.after(reader, id, 7, 5).messages()).isEmpty();
        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.after(reader, id, -1, 5));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.history(reader, id, 0L, 5));
    }

    @Test
    void pageSizeIsClampedToTheConfiguredMaximum() {
        ConversationId id = conversationWithMessages(user(Role.CUSTOMER), user(Role.AGENT), MAX_PAGE_SIZE + 5);
        UserId reader = participant(id);

        assertThat(service.history(reader, id, null, 1_000).messages()).hasSize(MAX_PAGE_SIZE);
        assertThat(service.after(reader, id, 0, 1_000).messages()).hasSize(MAX_PAGE_SIZE);
        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.history(reader, id, null, 0));
    }

    @Test
    void unreadCountsAndReadReceiptsFollowEachUserSeparately() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        UserId seller = user(Role.SELLER);
        ConversationId support = conversation(customer, agent);
        ConversationId shop = conversation(customer, seller);
        for (int i = 0; i < 3; i++) service.send(agent, support, "agent " + i, null);
        service.send(seller, shop, "seller", null);
        service.send(customer, support, "customer", null);

        UnreadCounts before = service.unreadCount(customer);
        assertThat(before.total()).isEqualTo(4);
        assertThat(before.in(support)).isEqualTo(3);
        assertThat(before.in(shop)).isEqualTo(1);
        assertThat(service.unreadCount(agent).total()).isEqualTo(1);

        ReadReceipt receipt = service.markRead(customer, support, 2L);
        assertThat(receipt.lastReadSeq()).isEqualTo(2);
        assertThat(receipt.userId()).isEqualTo(customer);
        assertThat(service.unreadCount(customer).in(support)).isEqualTo(1);

        service.markRead(customer, support, null);
        UnreadCounts after = service.unreadCount(customer);
        assertThat(after.total()).isEqualTo(1);
        assertThat(after.byConversation()).containsOnlyKeys(shop);
        assertThat(service.unreadCount(agent).total()).isEqualTo(1);
    }

    @Test
    void readStateNeverMovesBackwardsNorBeyondTheLatestMessage() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId id = conversation(customer, agent);
        for (int i = 0; i < 5; i++) service.send(agent, id, "m" + i, null);

        ReadReceipt atFour = service.markRead(customer, id, 4L);
        ReadReceipt backwards = service.markRead(customer, id, 2L);
        ReadReceipt beyond = service.markRead(customer, id, 99L);

        assertThat(backwards).isEqualTo(atFour);
        assertThat(beyond.lastReadSeq()).isEqualTo(5);
        assertThat(beyond.readAt()).isAfter(atFour.readAt());
        service.send(agent, id, "new", null);
        assertThat(service.unreadCount(customer).in(id)).isEqualTo(1);
        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.markRead(customer, id, -1L));
    }

    private ConversationId conversation(UserId a, UserId b) {
        return service.getOrCreateDirect(a, b, Optional.empty()).id();
    }

    private ConversationId conversationWithMessages(UserId a, UserId b, int count) {
        ConversationId id = conversation(a, b);
        for (int i = 1; i <= count; i++) service.send(i % 2 == 0 ? a : b, id, "message " + i, "key-" + i);
        return id;
    }

    private UserId participant(ConversationId id) {
        return store.findById(id).orElseThrow().participants().getFirst();
    }

    private List<Message> allMessages(UserId reader, ConversationId id) {
        List<Message> all = new ArrayList<>();
        long after = 0;
        MessagePage page;
        do {
            page = service.after(reader, id, after, MAX_PAGE_SIZE);
            all.addAll(page.messages());
            if (!page.messages().isEmpty()) after = page.messages().getLast().seq();
        } while (page.hasMore());
        return all;
    }
}
