package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.Page;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.Priority;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.support.Ticket;
import dev.switchboard.support.TicketFilter;
import dev.switchboard.support.TicketService;
import dev.switchboard.support.TicketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ticket workflow, who may do what, and the filtered list, through {@link TicketService}. */
abstract class TicketContract extends ConversationContractBase {
    JdbcSupportChatStore chats;
    SupportChatService support;
    TicketService tickets;
    List<String> announced = new ArrayList<>();

    @BeforeAll
    void openTickets() {
        chats = new JdbcSupportChatStore(db.database());
        TickingClock clock = new TickingClock(Instant.parse("2025-03-04T09:00:00Z"));
        support = new SupportChatService(chats, users, service, clock);
        tickets = new TicketService(chats, support, users, clock);
        support.addListener((chat, before, created) -> announced.add(chat.id() + ":" + (created ? "created"
                : chat.status().wire())));
    }

    User person(Role role) {
        return users.findById(user(role)).orElseThrow();
    }

    @Test
    void staffMoveATicketAlongTheWorkflowAndTheTimesAreStamped() {
        User customer = person(Role.CUSTOMER);
        User agent = person(Role.AGENT);
        ConversationId id = support.openForQueue(customer.id(), "", "Broken", null).id();

        assertThat(tickets.update(agent, id, TicketStatus.IN_PROGRESS, null, null).chat().status())
                .isEqualTo(TicketStatus.IN_PROGRESS);
        SupportChat resolved = tickets.update(agent, id, TicketStatus.RESOLVED, Priority.HIGH, "Broken screen").chat();
        assertThat(resolved.resolvedAt()).isNotNull();
        assertThat(resolved.priority()).isEqualTo(Priority.HIGH);
        assertThat(resolved.subject()).isEqualTo("Broken screen");
        SupportChat closed = tickets.update(agent, id, TicketStatus.CLOSED, null, null).chat();
        assertThat(closed.closedAt()).isNotNull();
        assertThat(closed.resolvedAt()).isEqualTo(resolved.resolvedAt());
        SupportChat reopened = tickets.update(agent, id, TicketStatus.OPEN, null, null).chat();
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(announced).contains(id + ":created", id + ":in_progress", id + ":resolved", id + ":closed", id + ":open");
    }

    @Test
    void movesOutsideTheWorkflowAreRefusedAndChangeNothing() {
        User customer = person(Role.CUSTOMER);
        User agent = person(Role.AGENT);
        ConversationId id = support.openForQueue(customer.id(), "", null, null).id();
        tickets.update(agent, id, TicketStatus.IN_PROGRESS, null, null);

        assertFails(ErrorCode.INVALID_TRANSITION, () -> tickets.update(agent, id, TicketStatus.OPEN, Priority.LOW, null));
        tickets.update(agent, id, TicketStatus.CLOSED, null, null);
        assertFails(ErrorCode.INVALID_TRANSITION, () -> tickets.update(agent, id, TicketStatus.RESOLVED, null, null));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> tickets.update(agent, id, null, null, null));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> tickets.update(agent, id, null, null, "x".repeat(301)));
        assertThat(chats.findById(id).orElseThrow().priority()).isEqualTo(Priority.MEDIUM);
    }

    @Test
    void aCustomerMayCloseAndReopenTheirOwnChatButNothingElse() {
        User customer = person(Role.CUSTOMER);
        ConversationId id = support.openForQueue(customer.id(), "", null, null).id();

        assertFails(ErrorCode.FORBIDDEN, () -> tickets.update(customer, id, null, Priority.URGENT, null));
        assertFails(ErrorCode.FORBIDDEN, () -> tickets.update(customer, id, TicketStatus.RESOLVED, null, null));
        assertFails(ErrorCode.FORBIDDEN, () -> tickets.update(customer, id, null, null, "mine"));
        assertFails(ErrorCode.FORBIDDEN, () -> tickets.assign(customer, id, customer.id()));
        assertThat(tickets.update(customer, id, TicketStatus.CLOSED, null, null).chat().status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(tickets.update(customer, id, TicketStatus.OPEN, null, null).chat().status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void anotherCustomerCannotSeeOrTouchAChatAsIfItDidNotExist() {
        User customer = person(Role.CUSTOMER);
        User stranger = person(Role.CUSTOMER);
        ConversationId id = support.openForQueue(customer.id(), "", null, null).id();

        assertFails(ErrorCode.CONVERSATION_NOT_FOUND, () -> tickets.get(stranger, id));
        assertFails(ErrorCode.CONVERSATION_NOT_FOUND, () -> tickets.update(stranger, id, TicketStatus.CLOSED, null, null));
        assertFails(ErrorCode.CONVERSATION_NOT_FOUND, () -> tickets.get(person(Role.SELLER), id));
        assertThat(tickets.list(stranger, TicketFilter.none(), null, 50).items()).isEmpty();
    }

    @Test
    void staffAssignToThemselvesOrToAnotherAgentAndTheTicketShowsTheAssignee() {
        User customer = person(Role.CUSTOMER);
        User agent = person(Role.AGENT);
        User admin = person(Role.ADMIN);
        ConversationId id = support.openForQueue(customer.id(), "", null, null).id();

        Ticket mine = tickets.assign(agent, id, null);
        assertThat(mine.assignee()).isEqualTo(agent);
        assertThat(mine.chat().status()).isEqualTo(TicketStatus.IN_PROGRESS);
        Ticket transferred = tickets.assign(agent, id, admin.id());
        assertThat(transferred.assignee()).isEqualTo(admin);
        assertFails(ErrorCode.VALIDATION_FAILED, () -> tickets.assign(admin, id, customer.id()));
    }

    @Test
    void aCustomersTicketNeverShowsANoteAsLastMessageWhileStaffSeeIt() {
        User customer = person(Role.CUSTOMER);
        User agent = person(Role.AGENT);
        ConversationId id = support.openForQueue(customer.id(), "", null, null).id();
        tickets.assign(agent, id, null);
        service.send(agent.id(), id, "visible", null);
        service.send(agent.id(), id, "internal", null, MessageKind.TEXT, Visibility.STAFF);

        Ticket forCustomer = tickets.get(customer, id);
        Ticket forAgent = tickets.get(agent, id);
        assertThat(forCustomer.lastMessage().text()).isEqualTo("visible");
        assertThat(forCustomer.unreadCount()).isEqualTo(1);
        assertThat(forAgent.lastMessage().text()).isEqualTo("internal");
        assertThat(tickets.asSeenBy(forAgent.chat(), false).lastMessage().text()).isEqualTo("visible");
    }

    @Test
    void theListFiltersByStatusPriorityAssigneeAndTextAndPagesWithACursor() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        User agent = person(Role.AGENT);
        List<ConversationId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User customer = person(Role.CUSTOMER);
            ids.add(support.openForQueue(customer.id(), "", "Case " + tag + " " + i, null).id());
        }
        tickets.assign(agent, ids.get(0), null);
        tickets.update(agent, ids.get(1), null, Priority.URGENT, null);
        service.send(agent.id(), ids.get(0), "about the 100%_discount " + tag, null);
        service.send(agent.id(), ids.get(0), "note-" + tag, null, MessageKind.TEXT, Visibility.STAFF);

        assertThat(ids(tickets.list(agent, filter(null, null, null, false, tag), null, 50))).hasSize(5);
        assertThat(ids(tickets.list(agent, filter(TicketStatus.IN_PROGRESS, null, null, false, tag), null, 50)))
                .containsExactly(ids.get(0));
        assertThat(ids(tickets.list(agent, filter(null, Priority.URGENT, null, false, tag), null, 50)))
                .containsExactly(ids.get(1));
        assertThat(ids(tickets.list(agent, filter(null, null, agent.id(), false, tag), null, 50)))
                .containsExactly(ids.get(0));
        assertThat(ids(tickets.list(agent, filter(null, null, null, true, tag), null, 50))).hasSize(4);
        assertThat(ids(tickets.list(agent, filter(null, null, null, false, "100%_DISCOUNT " + tag), null, 50)))
                .containsExactly(ids.get(0));
        assertThat(ids(tickets.list(agent, filter(null, null, null, false, "note-" + tag), null, 50)))
                .containsExactly(ids.get(0));
        assertThat(ids(tickets.list(agent, filter(null, null, null, false, "100%x"), null, 50))).isEmpty();

        Page<Ticket> first = tickets.list(agent, filter(null, null, null, false, tag), null, 2);
        Page<Ticket> second = tickets.list(agent, filter(null, null, null, false, tag), first.nextCursor(), 2);
        Page<Ticket> third = tickets.list(agent, filter(null, null, null, false, tag), second.nextCursor(), 2);
        List<ConversationId> paged = new ArrayList<>(ids(first));
        paged.addAll(ids(second));
        paged.addAll(ids(third));
        assertThat(paged).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
        assertThat(third.nextCursor()).isNull();
        assertFails(ErrorCode.VALIDATION_FAILED, () -> tickets.list(agent, TicketFilter.none(), "garbage!", 2));
    }

    @Test
    void aSearchByMessageTextFindsEveryMatchAmongHundredsOfChatsAndPagesThroughThemOnce() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        User agent = person(Role.AGENT);
        List<ConversationId> matching = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            UserId customer = user(Role.CUSTOMER);
            ConversationId id = support.openForQueue(customer, "", "Bulk " + i, null).id();
            if (i % 60 == 0) {
                service.send(customer, id, "the needle-" + tag + " is here", null);
                matching.add(0, id); // newest activity first
            } else if (i % 61 == 0) {
                Message deleted = service.send(customer, id, "a deleted needle-" + tag, null).message();
                service.delete(customer, id, deleted.id());
            }
        }

        List<ConversationId> found = new ArrayList<>();
        String cursor = null;
        do {
            Page<Ticket> page = tickets.list(agent, filter(null, null, null, false, "NEEDLE-" + tag), cursor, 3);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            found.addAll(ids(page));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(found).containsExactlyElementsOf(matching);
    }

    @Test
    void aCustomersSearchNeverMatchesTheTextOfANote() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        User customer = person(Role.CUSTOMER);
        User agent = person(Role.AGENT);
        ConversationId id = support.openForQueue(customer.id(), "", null, null).id();
        tickets.assign(agent, id, null);
        service.send(agent.id(), id, "secret-" + tag, null, MessageKind.TEXT, Visibility.STAFF);
        service.send(agent.id(), id, "public-" + tag, null);

        assertThat(ids(tickets.list(customer, filter(null, null, null, false, "secret-" + tag), null, 50))).isEmpty();
        assertThat(ids(tickets.list(customer, filter(null, null, null, false, "public-" + tag), null, 50)))
                .containsExactly(id);
        assertThat(ids(tickets.list(agent, filter(null, null, null, false, "secret-" + tag), null, 50)))
                .containsExactly(id);
    }

    static TicketFilter filter(TicketStatus status, Priority priority, UserId assignee, boolean none, String q) {
        return new TicketFilter(status, priority, assignee, none, null, q);
    }

    static List<ConversationId> ids(Page<Ticket> page) {
        return page.items().stream().map(t -> t.chat().id()).toList();
    }
}
