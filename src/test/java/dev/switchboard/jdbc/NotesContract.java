package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.ConversationSummary;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.MessageUpdate;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Internal notes never reach a customer through any read of the store; per-side unread counters and
 * the first response time move with the messages; edit and soft delete.
 */
abstract class NotesContract extends ConversationContractBase {
    JdbcSupportChatStore chats;
    SupportChatService support;
    MutableClock clock;
    ConversationService timed;

    @BeforeAll
    void openSupport() {
        chats = new JdbcSupportChatStore(db.database());
        support = new SupportChatService(chats, users, service, new TickingClock(Instant.parse("2025-03-02T09:00:00Z")));
        clock = new MutableClock(Instant.parse("2025-03-03T09:00:00Z"));
        timed = new ConversationService(store, users, clock, new ServerConfig.Chat(MAX_MESSAGE_CHARS, MAX_PAGE_SIZE));
    }

    record Desk(UserId customer, UserId agent, ConversationId id) {}

    Desk desk() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        SupportChat chat = support.openForQueue(customer, "", null, null);
        support.assign(agent, chat.id(), agent);
        return new Desk(customer, agent, chat.id());
    }

    SendResult note(Desk d, String text) {
        return service.send(d.agent(), d.id(), text, null, MessageKind.TEXT, Visibility.STAFF);
    }

    @Test
    void aNoteIsStoredForStaffAndLeftOutOfTheCustomersHistoryAndCatchUp() {
        Desk d = desk();
        service.send(d.customer(), d.id(), "my order is late", null);
        SendResult note = note(d, "VIP customer, refund at once");
        service.send(d.agent(), d.id(), "Sorry, refunding now", null);

        assertThat(note.message().visibility()).isEqualTo(Visibility.STAFF);
        assertThat(service.history(d.agent(), d.id(), null, 10).messages()).extracting(Message::text)
                .containsExactly("my order is late", "VIP customer, refund at once", "Sorry, refunding now");
        assertThat(service.history(d.customer(), d.id(), null, 10).messages()).extracting(Message::text)
                .containsExactly("my order is late", "Sorry, refunding now");
        assertThat(service.after(d.customer(), d.id(), 1, 10).messages()).extracting(Message::seq).containsExactly(3L);
        assertThat(service.history(d.customer(), d.id(), 3L, 10).messages()).extracting(Message::seq).containsExactly(1L);
    }

    @Test
    void aNoteIsDeliveredToStaffParticipantsOnly() {
        Desk d = desk();
        UserId admin = user(Role.ADMIN);
        support.assign(admin, d.id(), admin);

        assertThat(note(d, "escalating").recipients()).containsExactly(admin);
    }

    @Test
    void customersCannotWriteNotes() {
        Desk d = desk();

        assertFails(ErrorCode.FORBIDDEN,
                () -> service.send(d.customer(), d.id(), "psst", null, MessageKind.TEXT, Visibility.STAFF));
        assertFails(ErrorCode.VALIDATION_FAILED,
                () -> service.send(d.agent(), d.id(), "notice", null, MessageKind.SYSTEM, Visibility.ALL));
        assertThat(service.history(d.agent(), d.id(), null, 10).messages()).isEmpty();
    }

    @Test
    void aNoteIsNeitherTheCustomersLastMessageNorUnreadNorTheirLastSeq() {
        Desk d = desk();
        service.send(d.agent(), d.id(), "hello", null);
        note(d, "internal");

        ConversationSummary forCustomer = service.listForUser(d.customer(), null, 10).items().getFirst();
        assertThat(forCustomer.lastMessage().text()).isEqualTo("hello");
        assertThat(forCustomer.unreadCount()).isEqualTo(1);
        assertThat(forCustomer.conversation().lastSeq()).isEqualTo(1);
        assertThat(service.unreadCount(d.customer()).in(d.id())).isEqualTo(1);
        ConversationSummary forAgent = service.listForUser(d.agent(), null, 10).items().getFirst();
        assertThat(forAgent.lastMessage().text()).isEqualTo("internal");
        assertThat(forAgent.conversation().lastSeq()).isEqualTo(2);
    }

    @Test
    void aConversationWithOnlyANoteShowsNoLastMessageToTheCustomer() {
        Desk d = desk();
        note(d, "first thing anyone wrote");

        ConversationSummary forCustomer = service.listForUser(d.customer(), null, 10).items().getFirst();
        assertThat(forCustomer.lastMessage()).isNull();
        assertThat(forCustomer.unreadCount()).isZero();
        assertThat(service.unreadCount(d.customer()).total()).isZero();
    }

    @Test
    void perSideUnreadCountersAndFirstResponseFollowVisibleMessagesAndReads() {
        Desk d = desk();
        service.send(d.customer(), d.id(), "one", null);
        service.send(d.customer(), d.id(), "two", null);
        note(d, "note");
        assertThat(chats.findById(d.id()).orElseThrow().firstResponseAt()).isNull();
        SendResult reply = service.send(d.agent(), d.id(), "reply", null);

        SupportChat chat = chats.findById(d.id()).orElseThrow();
        assertThat(chat.unreadByStaff()).isEqualTo(2);
        assertThat(chat.unreadByCustomer()).isEqualTo(1);
        assertThat(chat.firstResponseAt()).isEqualTo(reply.message().createdAt());

        service.markRead(d.agent(), d.id(), null);
        service.markRead(d.customer(), d.id(), null);
        chat = chats.findById(d.id()).orElseThrow();
        assertThat(chat.unreadByStaff()).isZero();
        assertThat(chat.unreadByCustomer()).isZero();
        service.send(d.agent(), d.id(), "later", null);
        assertThat(chats.findById(d.id()).orElseThrow().firstResponseAt()).isEqualTo(reply.message().createdAt());
    }

    @Test
    void countersStayExactWhenManySendsShareGroupCommits() throws Exception {
        Desk d = desk();

        concurrently(8, 80, () -> service.send(d.customer(), d.id(), "ping", null));
        concurrently(8, 40, () -> service.send(d.agent(), d.id(), "pong", null));
        concurrently(8, 40, () -> note(d, "note"));

        SupportChat chat = chats.findById(d.id()).orElseThrow();
        assertThat(chat.unreadByStaff()).isEqualTo(80);
        assertThat(chat.unreadByCustomer()).isEqualTo(40);
    }

    @Test
    void theAuthorEditsTheirMessageWithinTheWindowAndOnlyThen() {
        Desk d = desk();
        Message sent = timed.send(d.customer(), d.id(), "helo", null).message();

        MessageUpdate edited = timed.edit(d.customer(), d.id(), sent.id(), "hello");
        assertThat(edited.message().text()).isEqualTo("hello");
        assertThat(edited.message().editedAt()).isNotNull();
        assertThat(edited.message().seq()).isEqualTo(sent.seq());
        assertThat(edited.audience()).containsExactlyInAnyOrder(d.customer(), d.agent());
        assertFails(ErrorCode.FORBIDDEN, () -> timed.edit(d.agent(), d.id(), sent.id(), "hijacked"));
        assertFails(ErrorCode.MESSAGE_TOO_LONG, () -> timed.edit(d.customer(), d.id(), sent.id(), "x".repeat(51)));

        clock.advance(ConversationService.EDIT_WINDOW.plus(Duration.ofSeconds(1)));
        assertFails(ErrorCode.MESSAGE_NOT_EDITABLE, () -> timed.edit(d.customer(), d.id(), sent.id(), "too late"));
        assertThat(timed.history(d.agent(), d.id(), null, 10).messages().getFirst().text()).isEqualTo("hello");
    }

    @Test
    void theAuthorOrAnAdminDeletesAMessageWhichKeepsItsSeqAndLosesItsText() {
        Desk d = desk();
        UserId admin = user(Role.ADMIN);
        support.assign(admin, d.id(), admin);
        Message first = service.send(d.customer(), d.id(), "my card number is 1234", null).message();
        Message second = service.send(d.customer(), d.id(), "oops", null).message();

        assertFails(ErrorCode.FORBIDDEN, () -> service.delete(d.agent(), d.id(), first.id()));
        MessageUpdate byAuthor = service.delete(d.customer(), d.id(), first.id());
        MessageUpdate byAdmin = service.delete(admin, d.id(), second.id());

        assertThat(byAuthor.message().deletedAt()).isNotNull();
        assertThat(byAuthor.message().text()).isEmpty();
        assertThat(byAdmin.message().isDeleted()).isTrue();
        assertThat(service.history(d.customer(), d.id(), null, 10).messages())
                .extracting(Message::seq, Message::text).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, ""), org.assertj.core.groups.Tuple.tuple(2L, ""));
        assertFails(ErrorCode.MESSAGE_NOT_EDITABLE, () -> service.delete(d.customer(), d.id(), first.id()));
        assertFails(ErrorCode.MESSAGE_NOT_EDITABLE, () -> service.edit(d.customer(), d.id(), first.id(), "x"));
    }

    @Test
    void aCustomerCanNeitherSeeNorTouchANoteByItsId() {
        Desk d = desk();
        Message note = note(d, "secret").message();

        assertFails(ErrorCode.MESSAGE_NOT_FOUND, () -> service.delete(d.customer(), d.id(), note.id()));
        assertFails(ErrorCode.MESSAGE_NOT_FOUND, () -> service.edit(d.customer(), d.id(), note.id(), "x"));
        MessageUpdate edited = service.edit(d.agent(), d.id(), note.id(), "still secret");
        assertThat(edited.message().visibility()).isEqualTo(Visibility.STAFF);
        assertThat(edited.audience()).containsExactly(d.agent());
    }
}
