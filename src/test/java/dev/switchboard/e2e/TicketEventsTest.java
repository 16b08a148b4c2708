package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The native ticket:* events between a customer, their agent and an admin who watches. */
class TicketEventsTest extends CustomerAndAgentTest {
    TestServer.TestUser admin;
    SocketClient boss;
    String chat;

    @BeforeEach
    void openChat() throws Exception {
        admin = server.user("Ada", "admin");
        boss = SocketClient.connect(server.url(), admin.token(), "websocket");
        SupportChatService support = server.server().services().support();
        chat = support.openForQueue(new UserId(customer.id()), "", "Printer on fire", null).id().value();
        // the new chat's own announcements, so that each test starts from a quiet state
        assertThat(boss.nextObject("ticket:created").getJSONObject("ticket").getString("id")).isEqualTo(chat);
        assertThat(c.nextObject("ticket:updated").getJSONObject("ticket").getString("id")).isEqualTo(chat);
    }

    @AfterEach
    void closeAdmin() {
        boss.close();
    }

    @Test
    void anAgentAssignsToThemselvesAndEveryoneConcernedHearsTicketUpdated() throws Exception {
        JSONObject ticket = a.ok("ticket:assign", json("conversationId", chat));

        assertThat(ticket.getJSONObject("assignee").getString("id")).isEqualTo(agent.id());
        assertThat(ticket.getString("status")).isEqualTo("in_progress");
        JSONObject forCustomer = c.nextObject("ticket:updated").getJSONObject("ticket");
        assertThat(forCustomer.getString("status")).isEqualTo("in_progress");
        assertThat(forCustomer.has("unreadByStaff")).isFalse();
        assertThat(forCustomer.getJSONObject("customer").getString("id")).isEqualTo(customer.id());
        JSONObject forAdmin = boss.nextObject("ticket:updated").getJSONObject("ticket");
        assertThat(forAdmin.getLong("unreadByStaff")).isZero();
        assertThat(forAdmin.getJSONObject("assignee").getString("name")).isEqualTo("Abe");
    }

    @Test
    void staffChangeStatusPriorityAndSubjectAndTheWorkflowIsEnforced() throws Exception {
        JSONObject updated = a.ok("ticket:update", json("conversationId", chat, "status", "resolved",
                "priority", "urgent", "subject", "Printer fixed"));

        assertThat(updated.getString("status")).isEqualTo("resolved");
        assertThat(updated.getString("priority")).isEqualTo("urgent");
        assertThat(updated.getString("subject")).isEqualTo("Printer fixed");
        assertThat(updated.has("resolvedAt")).isTrue();
        assertThat(updated.isNull("assignee")).isTrue();
        assertThat(a.failure("ticket:update", json("conversationId", chat, "status", "in_progress")).getString("code"))
                .isEqualTo("INVALID_TRANSITION");
        assertThat(a.failure("ticket:update", json("conversationId", chat, "status", "done")).getString("code"))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(a.failure("ticket:update", json("conversationId", chat, "priority", 3)).getString("code"))
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theCustomerClosesAndReopensTheirTicketButCannotPrioritizeIt() throws Exception {
        assertThat(c.failure("ticket:update", json("conversationId", chat, "priority", "urgent")).getString("code"))
                .isEqualTo("FORBIDDEN");
        assertThat(c.ok("ticket:update", json("conversationId", chat, "status", "closed")).getString("status"))
                .isEqualTo("closed");
        assertThat(c.ok("ticket:update", json("conversationId", chat, "status", "open")).getString("status"))
                .isEqualTo("open");
        assertThat(c.failure("ticket:assign", json("conversationId", chat)).getString("code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void aCustomerListsOnlyTheirOwnTicketsAndAnotherCustomersIsUnknown() throws Exception {
        TestServer.TestUser other = server.user("Olga", "customer");
        try (SocketClient o = SocketClient.connect(server.url(), other.token(), "websocket")) {
            assertThat(o.ok("ticket:list", json()).getJSONArray("tickets").length()).isZero();
            assertThat(o.failure("ticket:get", json("conversationId", chat)).getString("code"))
                    .isEqualTo("CONVERSATION_NOT_FOUND");
        }
        JSONObject mine = c.ok("ticket:list", json());
        assertThat(mine.getJSONArray("tickets").length()).isEqualTo(1);
        assertThat(mine.getJSONArray("tickets").getJSONObject(0).getString("id")).isEqualTo(chat);
        assertThat(c.ok("ticket:get", json("conversationId", chat)).getString("subject")).isEqualTo("Printer on fire");
    }

    @Test
    void theCustomersTicketTellsHowFarStaffHaveReadButNeverReachesANote() throws Exception {
        a.ok("ticket:assign", json("conversationId", chat));
        assertThat(c.ok("ticket:get", json("conversationId", chat)).getLong("staffLastReadSeq")).isZero();
        long question = c.ok("chat:send_message", json("conversationId", chat, "message", "Is it fixed?"))
                .getLong("seq");
        long note = a.ok("chat:send_message", json("conversationId", chat, "message", "no idea", "internal", true))
                .getLong("seq");

        a.ok("chat:mark_read", json("conversationId", chat, "upToSeq", note));

        JSONObject mine = c.ok("ticket:get", json("conversationId", chat));
        assertThat(mine.getLong("staffLastReadSeq")).isEqualTo(question).isLessThan(note);
        assertThat(c.ok("ticket:list", json()).getJSONArray("tickets").getJSONObject(0).getLong("staffLastReadSeq"))
                .isEqualTo(question);
        assertThat(a.ok("ticket:get", json("conversationId", chat)).has("staffLastReadSeq")).isFalse();
        long answer = a.ok("chat:send_message", json("conversationId", chat, "message", "Yes")).getLong("seq");
        a.ok("chat:mark_read", json("conversationId", chat, "upToSeq", answer));
        assertThat(c.ok("ticket:get", json("conversationId", chat)).getLong("staffLastReadSeq")).isEqualTo(answer);
    }

    @Test
    void staffListFiltersByAssigneeMeOrNone() throws Exception {
        a.ok("ticket:assign", json("conversationId", chat));

        JSONObject mine = a.ok("ticket:list", json("assigneeId", "me", "q", "printer on"));
        assertThat(mine.getJSONArray("tickets").getJSONObject(0).getString("id")).isEqualTo(chat);
        JSONObject unassigned = boss.ok("ticket:list", json("assigneeId", "none", "q", "printer on fire"));
        for (int i = 0; i < unassigned.getJSONArray("tickets").length(); i++) {
            assertThat(unassigned.getJSONArray("tickets").getJSONObject(i).getString("id")).isNotEqualTo(chat);
        }
        assertThat(a.failure("ticket:list", json("limit", 0)).getString("code")).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aNewSupportChatIsAnnouncedToStaffAsTicketCreated() throws Exception {
        TestServer.TestUser newcomer = server.known(server.user("Nell", "customer"));
        server.server().services().support().openForQueue(new UserId(newcomer.id()), "sales", "Quote", null);

        JSONObject created = boss.nextObject("ticket:created").getJSONObject("ticket");
        assertThat(created.getJSONObject("customer").getString("name")).isEqualTo("Nell");
        assertThat(created.getString("department")).isEqualTo("sales");
        assertThat(created.getString("status")).isEqualTo("open");
    }

    @Test
    void adminsGetStatisticsAndOthersAreForbidden() throws Exception {
        JSONObject stats = boss.ok("ticket:stats", json());

        assertThat(stats.getJSONObject("totals").getLong("chats")).isGreaterThanOrEqualTo(1);
        assertThat(stats.getJSONObject("statusDistribution").has("in_progress")).isTrue();
        assertThat(stats.getJSONObject("firstResponseSeconds").has("count")).isTrue();
        assertThat(a.failure("ticket:stats", json()).getString("code")).isEqualTo("FORBIDDEN");
        assertThat(c.failure("ticket:stats", json()).getString("code")).isEqualTo("FORBIDDEN");
        assertThat(boss.failure("ticket:stats", json("from", "yesterday")).getString("code")).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void anAdminJoinsAChatTheyDoNotServeAndThenReadsAndWritesNotesWithoutTakingIt() throws Exception {
        assertThat(boss.failure("chat:get_messages", json("conversationId", chat)).getString("code"))
                .isEqualTo("NOT_PARTICIPANT");

        JSONObject joined = boss.ok("ticket:join", json("conversationId", chat));

        assertThat(joined.isNull("assignee")).isTrue();
        boss.ok("chat:send_message", json("conversationId", chat, "message", "watch this one", "internal", true));
        assertThat(boss.ok("chat:get_messages", json("conversationId", chat)).getJSONArray("messages").length())
                .isEqualTo(1);
        assertThat(c.ok("chat:get_messages", json("conversationId", chat)).getJSONArray("messages").length()).isZero();
        assertThat(c.failure("ticket:join", json("conversationId", chat)).getString("code")).isEqualTo("FORBIDDEN");
    }
}
