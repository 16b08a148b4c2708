package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.support.TicketService;
import dev.switchboard.support.TicketStats;
import dev.switchboard.support.TicketStatus;
import dev.switchboard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statistics against a data set whose answers are worked out by hand (in the comments). Seven chats
 * between 2030-01-01 and 2030-01-04 UTC, served by two agents:
 *
 * <pre>
 * chat created (UTC)      first response  resolution        now
 * A    01-01 10:00:00     +60 s           +600 s            resolved (agent 1)
 * B    01-01 12:00:00     +120 s          +1200 s, closed   closed   (agent 1)
 * C    01-02 09:00:00     +300 s, 2 notes                   in_progress (agent 1)
 * D    01-02 10:00:00     -                                 open, unassigned
 * F    01-03 08:00:00     -               resolved, reopened open     (agent 2)
 * E    01-03 23:59:59     +600 s                            in_progress (agent 2)
 * G    01-04 00:00:00     (outside the range [01-01, 01-04))  in_progress (agent 1)
 * </pre>
 */
abstract class StatsContract extends ConversationContractBase {
    static final Instant FROM = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2030-01-04T00:00:00Z");

    MutableClock clock;
    ConversationService conversations;
    SupportChatService support;
    TicketService tickets;
    User admin;
    User agent1;
    User agent2;

    @BeforeAll
    void buildDataSet() {
        JdbcSupportChatStore chats = new JdbcSupportChatStore(db.database());
        clock = new MutableClock(FROM);
        conversations = new ConversationService(store, users, clock, new ServerConfig.Chat(MAX_MESSAGE_CHARS, MAX_PAGE_SIZE));
        support = new SupportChatService(chats, users, conversations, clock);
        tickets = new TicketService(chats, support, users, clock);
        admin = users.findById(user(Role.ADMIN)).orElseThrow();
        agent1 = users.findById(user(Role.AGENT)).orElseThrow();
        agent2 = users.findById(user(Role.AGENT)).orElseThrow();

        ConversationId a = open("2030-01-01T10:00:00Z");
        respond(a, agent1, "2030-01-01T10:01:00Z");
        var deleted = conversations.send(customerOf(a), a, "typo", null).message();
        conversations.delete(customerOf(a), a, deleted.id());
        status(a, TicketStatus.RESOLVED, "2030-01-01T10:10:00Z");
        ConversationId b = open("2030-01-01T12:00:00Z");
        respond(b, agent1, "2030-01-01T12:02:00Z");
        status(b, TicketStatus.RESOLVED, "2030-01-01T12:20:00Z");
        status(b, TicketStatus.CLOSED, "2030-01-01T13:00:00Z");
        ConversationId c = open("2030-01-02T09:00:00Z");
        tickets.assign(agent1, c, null);
        conversations.send(agent1.id(), c, "note before answering", null, MessageKind.TEXT, Visibility.STAFF);
        respond(c, agent1, "2030-01-02T09:05:00Z");
        conversations.send(agent1.id(), c, "another note", null, MessageKind.TEXT, Visibility.STAFF);
        open("2030-01-02T10:00:00Z");
        ConversationId f = open("2030-01-03T08:00:00Z");
        tickets.assign(agent2, f, null);
        status(f, TicketStatus.RESOLVED, "2030-01-03T08:01:40Z");
        status(f, TicketStatus.OPEN, "2030-01-03T08:05:00Z");
        ConversationId e = open("2030-01-03T23:59:59Z");
        ConversationId g = open("2030-01-04T00:00:00Z");
        tickets.assign(agent1, g, null);
        respond(e, agent2, "2030-01-04T00:09:59Z");
    }

    /** A new customer's chat created at {@code at}, with their first message. */
    ConversationId open(String at) {
        moveTo(at);
        UserId customer = user(Role.CUSTOMER);
        ConversationId id = support.openForQueue(customer, "", null, null).id();
        conversations.send(customer, id, "help", null);
        return id;
    }

    void respond(ConversationId id, User agent, String at) {
        moveTo(at);
        if (support.find(id).orElseThrow().assignee() == null) tickets.assign(agent, id, null);
        conversations.send(agent.id(), id, "on it", null);
    }

    void status(ConversationId id, TicketStatus status, String at) {
        moveTo(at);
        tickets.update(agent1, id, status, null, null);
    }

    UserId customerOf(ConversationId id) {
        return support.find(id).orElseThrow().customer();
    }

    void moveTo(String at) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(at)));
    }

    @Test
    void totalsCountChatsAndVisibleMessagesWithNotesApart() {
        TicketStats stats = tickets.stats(admin, FROM, TO);

        assertThat(stats.chats()).isEqualTo(6);
        // 6 customers' first messages + responses to A, B, C, E; A's deleted message counts for nothing
        assertThat(stats.messages()).isEqualTo(10);
        assertThat(stats.notes()).isEqualTo(2);
    }

    @Test
    void chatsPerDayAreCountedInUtcDays() {
        assertThat(tickets.stats(admin, FROM, TO).perDay()).containsExactly(
                new TicketStats.DayCount(LocalDate.parse("2030-01-01"), 2),
                new TicketStats.DayCount(LocalDate.parse("2030-01-02"), 2),
                new TicketStats.DayCount(LocalDate.parse("2030-01-03"), 2));
    }

    @Test
    void firstResponseMedianAndP90InterpolateBetweenTheSortedDurations() {
        // 60, 120, 300, 600: median (120 + 300) / 2 = 210; p90 at rank 2.7: 300 + 0.7 * 300 = 510
        assertThat(tickets.stats(admin, FROM, TO).firstResponse())
                .isEqualTo(new TicketStats.Durations(4, 210.0, 510.0));
    }

    @Test
    void resolutionTimesCoverChatsResolvedNowIncludingClosedOnes() {
        // A 600, B 1200 (F was reopened, so it is not resolved): median 900; p90 600 + 0.9 * 600 = 1140
        assertThat(tickets.stats(admin, FROM, TO).resolution()).isEqualTo(new TicketStats.Durations(2, 900.0, 1140.0));
    }

    @Test
    void statusDistributionCoversEveryStatus() {
        assertThat(tickets.stats(admin, FROM, TO).statuses()).isEqualTo(Map.of(TicketStatus.OPEN, 2L,
                TicketStatus.IN_PROGRESS, 2L, TicketStatus.RESOLVED, 1L, TicketStatus.CLOSED, 1L));
    }

    @Test
    void workloadIsEachAssigneesOpenAndInProgressChatsNow() {
        // both have two chats, so the order between them is by id, which is random here
        assertThat(tickets.stats(admin, FROM, TO).workload()).containsExactlyInAnyOrder(
                new TicketStats.Workload(agent1.id(), agent1.name(), 0, 2),
                new TicketStats.Workload(agent2.id(), agent2.name(), 1, 1));
    }

    @Test
    void aRangeWithoutChatsHasZerosAndNoPercentiles() {
        TicketStats empty = tickets.stats(admin, Instant.parse("2029-01-01T00:00:00Z"), FROM);

        assertThat(empty.chats()).isZero();
        assertThat(empty.perDay()).isEmpty();
        assertThat(empty.firstResponse()).isEqualTo(new TicketStats.Durations(0, null, null));
        assertThat(empty.statuses().values()).containsOnly(0L);
    }

    @Test
    void onlyAdminsSeeStatisticsAndTheRangeIsChecked() {
        assertFails(ErrorCode.FORBIDDEN, () -> tickets.stats(agent1, FROM, TO));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> tickets.stats(admin, TO, FROM));
        assertFails(ErrorCode.VALIDATION_FAILED,
                () -> tickets.stats(admin, FROM, FROM.plus(Duration.ofDays(400))));
    }
}
