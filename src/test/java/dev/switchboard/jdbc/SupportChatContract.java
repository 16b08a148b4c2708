package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.Message;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.Priority;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.support.TicketStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Support chats through {@link SupportChatService} on {@link JdbcSupportChatStore}: the seam routing builds on. */
abstract class SupportChatContract extends ConversationContractBase {
    JdbcSupportChatStore chats;
    SupportChatService support;

    @BeforeAll
    void openSupport() {
        chats = new JdbcSupportChatStore(db.database());
        support = new SupportChatService(chats, users, service, new TickingClock(Instant.parse("2025-03-02T09:00:00Z")));
    }

    @Test
    void openingForTheQueueCreatesAnOpenUnassignedChatWhoseOnlyParticipantIsTheCustomer() {
        UserId customer = user(Role.CUSTOMER);

        SupportChat chat = support.openForQueue(customer, "billing", "Refund", "{\"name\":\"Ann\"}");

        assertThat(chat.customer()).isEqualTo(customer);
        assertThat(chat.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(chat.assignee()).isNull();
        assertThat(chat.department()).isEqualTo("billing");
        assertThat(chat.subject()).isEqualTo("Refund");
        assertThat(chat.priority()).isEqualTo(Priority.MEDIUM);
        assertThat(chat.details()).isEqualTo("{\"name\":\"Ann\"}");
        Conversation conversation = service.get(customer, chat.id());
        assertThat(conversation.type()).isEqualTo(ConversationType.CUSTOMER_SUPPORT);
        assertThat(conversation.participants()).containsExactly(customer);
        assertThat(support.current(customer)).contains(chat);
        assertThat(support.find(chat.id())).contains(chat);
    }

    @Test
    void openingAgainContinuesTheCurrentChatAndKeepsItsSubject() {
        UserId customer = user(Role.CUSTOMER);
        SupportChat first = support.openForQueue(customer, "", null, null);

        SupportChat again = support.openForQueue(customer, "sales", "Another topic", null);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.subject()).isEqualTo(SupportChatService.DEFAULT_SUBJECT);
    }

    @Test
    void customersRacingToOpenTheirChatAllGetTheSameOne() throws Exception {
        UserId customer = user(Role.CUSTOMER);

        List<SupportChat> opened = concurrently(8, 32, () -> support.openForQueue(customer, "", "Help", null));

        assertThat(opened.stream().map(SupportChat::id).collect(Collectors.toSet())).hasSize(1);
    }

    @Test
    void openingAResolvedChatReopensItButAClosedOneIsFollowedByANewChat() {
        UserId customer = user(Role.CUSTOMER);
        SupportChat first = support.openForQueue(customer, "", "Help", null);
        SupportChat resolved = support.resolveByRouting(first.id());
        assertThat(resolved.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isNotNull();

        SupportChat reopened = support.openForQueue(customer, "", null, null);
        assertThat(reopened.id()).isEqualTo(first.id());
        assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(reopened.resolvedAt()).isNull();

        chats.setStatus(first.id(), TicketStatus.CLOSED, Instant.now());
        SupportChat next = support.openForQueue(customer, "", "New problem", null);
        assertThat(next.id()).isNotEqualTo(first.id());
        assertThat(support.current(customer)).contains(next);
    }

    @Test
    void aClosedChatCannotBeRevivedWhileTheCustomerHasAnotherCurrentChat() {
        UserId customer = user(Role.CUSTOMER);
        SupportChat old = support.openForQueue(customer, "", null, null);
        SupportChat closed = chats.setStatus(old.id(), TicketStatus.CLOSED, Instant.now()).orElseThrow();
        assertThat(closed.closedAt()).isNotNull();
        support.openForQueue(customer, "", null, null);

        assertFails(ErrorCode.CONFLICT, () -> chats.setStatus(old.id(), TicketStatus.OPEN, Instant.now()));
        assertThat(chats.findById(old.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void assigningMakesTheAgentAParticipantWhoCanWriteAndMovesAnOpenChatToInProgress() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        SupportChat chat = support.openForQueue(customer, "", null, null);
        service.send(customer, chat.id(), "hello?", null); // the participants are remembered now

        SupportChat assigned = support.assign(agent, chat.id(), agent);

        assertThat(assigned.assignee()).isEqualTo(agent);
        assertThat(assigned.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(service.get(customer, chat.id()).participants()).containsExactly(customer, agent);
        assertThat(service.send(agent, chat.id(), "Hi, I am here", null).recipients()).containsExactly(customer);
    }

    @Test
    void transferringToAnotherAgentKeepsTheEarlierOneAsParticipantAndTheStatus() {
        UserId customer = user(Role.CUSTOMER);
        UserId first = user(Role.AGENT);
        UserId second = user(Role.ADMIN);
        SupportChat chat = support.openForQueue(customer, "", null, null);
        support.assign(first, chat.id(), first);
        support.resolveByRouting(chat.id());

        SupportChat transferred = support.assign(first, chat.id(), second);

        assertThat(transferred.assignee()).isEqualTo(second);
        assertThat(transferred.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(service.get(second, chat.id()).participants()).containsExactlyInAnyOrder(customer, first, second);
    }

    @Test
    void manyAgentsRoutedToOneUnassignedChatAtOnceLeaveExactlyOneWinner() throws Exception {
        UserId customer = user(Role.CUSTOMER);
        SupportChat chat = support.openForQueue(customer, "", null, null);
        List<UserId> agents = List.of(user(Role.AGENT), user(Role.AGENT), user(Role.AGENT), user(Role.AGENT));
        AtomicInteger next = new AtomicInteger();

        List<String> outcomes = concurrently(4, 16, () -> {
            UserId agent = agents.get(next.getAndIncrement() % agents.size());
            try {
                return "won:" + support.assignByRouting(chat.id(), null, agent).assignee().value();
            } catch (SwitchboardException e) {
                return e.code().name();
            }
        });

        assertThat(outcomes.stream().filter(o -> o.startsWith("won:"))).hasSize(1);
        assertThat(outcomes.stream().filter(o -> !o.startsWith("won:")).collect(Collectors.toSet()))
                .isEqualTo(Set.of(ErrorCode.ALREADY_ASSIGNED.name()));
        UserId winner = new UserId(outcomes.stream().filter(o -> o.startsWith("won:")).findFirst().orElseThrow()
                .substring(4));
        assertThat(support.find(chat.id()).orElseThrow().assignee()).isEqualTo(winner);
        assertThat(service.get(customer, chat.id()).participants()).containsExactly(customer, winner);
    }

    @Test
    void routingReassignsOnlyWhileTheExpectedAgentStillHoldsTheChat() {
        UserId customer = user(Role.CUSTOMER);
        UserId first = user(Role.AGENT);
        UserId second = user(Role.AGENT);
        SupportChat chat = support.openForQueue(customer, "", null, null);
        support.assignByRouting(chat.id(), null, first);

        assertFails(ErrorCode.ALREADY_ASSIGNED, () -> support.assignByRouting(chat.id(), null, second));
        assertThat(support.assignByRouting(chat.id(), first, second).assignee()).isEqualTo(second);
    }

    @Test
    void onlyAgentsAndAdminsAssignAndOnlyToAgentsAndAdmins() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        SupportChat chat = support.openForQueue(customer, "", null, null);

        assertFails(ErrorCode.FORBIDDEN, () -> support.assign(customer, chat.id(), agent));
        assertFails(ErrorCode.FORBIDDEN, () -> support.assign(user(Role.SELLER), chat.id(), agent));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> support.assign(agent, chat.id(), customer));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> support.assignByRouting(chat.id(), null, user(Role.MANAGER)));
        assertFails(ErrorCode.CONVERSATION_NOT_FOUND,
                () -> support.assign(agent, new ConversationId("no-such-chat"), agent));
        assertThat(support.find(chat.id()).orElseThrow().assignee()).isNull();
    }

    @Test
    void aClosedChatCannotBeAssigned() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        SupportChat chat = support.openForQueue(customer, "", null, null);
        chats.setStatus(chat.id(), TicketStatus.CLOSED, Instant.now());

        assertFails(ErrorCode.INVALID_TRANSITION, () -> support.assign(agent, chat.id(), agent));
        assertFails(ErrorCode.INVALID_TRANSITION, () -> support.assignByRouting(chat.id(), null, agent));
    }

    @Test
    void onlyCustomersOpenSupportChatsAndBadInputWritesNothing() {
        UserId agent = user(Role.AGENT);
        UserId customer = user(Role.CUSTOMER);

        assertFails(ErrorCode.FORBIDDEN, () -> support.openForQueue(agent, "", null, null));
        assertFails(ErrorCode.USER_NOT_FOUND, () -> support.openForQueue(new UserId("nobody-" + customer), "", null, null));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> support.openForQueue(customer, "d".repeat(65), null, null));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> support.openForQueue(customer, "", "s".repeat(301), null));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> support.openForQueue(customer, "", null, "[1]"));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> support.leaveMessage(customer, "", null, " "));
        assertThat(support.current(customer)).isEmpty();
    }

    @Test
    void leavingAMessageOpensATicketWithTheMessageAsTheCustomersFirst() {
        UserId customer = user(Role.CUSTOMER);

        SupportChat ticket = support.leaveMessage(customer, "sales", "Call me back", "Nobody was there, call me");

        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.subject()).isEqualTo("Call me back");
        List<Message> messages = service.after(customer, ticket.id(), 0, 10).messages();
        assertThat(messages).extracting(Message::text).containsExactly("Nobody was there, call me");
        assertThat(messages.get(0).senderId()).isEqualTo(customer);
    }

    @Test
    void resolvingByRoutingLeavesAClosedChatAsItIs() {
        UserId customer = user(Role.CUSTOMER);
        SupportChat chat = support.openForQueue(customer, "", null, null);
        chats.setStatus(chat.id(), TicketStatus.CLOSED, Instant.now());

        assertThat(support.resolveByRouting(chat.id()).status()).isEqualTo(TicketStatus.CLOSED);
        assertFails(ErrorCode.CONVERSATION_NOT_FOUND, () -> support.resolveByRouting(new ConversationId("none")));
    }
}
