package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.QUIET_MILLIS;
import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.send;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.array;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.routing.Strategy;
import dev.switchboard.support.TicketStatus;
import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The native queue and agent events (queue:*, agent:*) on a desk where agents pick customers by hand. */
class NativeQueueTest {
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(c -> c.withRouting(c.routing().withStrategy(Strategy.MANUAL)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** An agent connection whose routing registration is done (events of one connection run in order). */
    static SocketClient agent(TestServer.TestUser user) {
        SocketClient a = SocketClient.connect(server.url(), user.token(), "websocket");
        a.ok("agent:list");
        return a;
    }

    static SocketClient connect(TestServer.TestUser user) {
        return SocketClient.connect(server.url(), user.token(), "websocket");
    }

    @Test
    void aCustomerJoinsSeesTheirPlaceAndTheChatAnAgentPicksThemAndBothTalkInTheSupportChat() throws Exception {
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser abe = server.user("Abe", "agent");
        try (SocketClient a = agent(abe); SocketClient c = connect(cora)) {
            JSONObject joined = c.ok("queue:join", json("topic", "My order is late", "department", "",
                    "fields", json("order", "A-42")));

            JSONObject entry = joined.getJSONObject("entry");
            String conversationId = joined.getJSONObject("chat").getString("conversationId");
            assertThat(entry.getString("state")).isEqualTo("waiting");
            assertThat(entry.getString("conversationId")).isEqualTo(conversationId);
            assertThat(entry.getJSONObject("customer").getString("name")).isEqualTo("Cora");
            assertThat(entry.getJSONObject("fields").getString("order")).isEqualTo("A-42");
            assertThat(joined.getJSONObject("chat").getString("status")).isEqualTo("open");
            assertThat(joined.getJSONObject("chat").getString("subject")).isEqualTo("My order is late");
            assertThat(joined.getJSONObject("position").getInt("position")).isEqualTo(1);
            assertThat(c.nextObject("queue:position").getString("entryId")).isEqualTo(entry.getString("id"));
            JSONObject updated = a.nextObject("queue:updated");
            assertThat(updated.getJSONArray("queue").getJSONObject(0).getString("id")).isEqualTo(entry.getString("id"));

            JSONObject picked = a.ok("queue:pick", json("entryId", entry.getString("id")));

            assertThat(picked.getJSONObject("entry").getString("state")).isEqualTo("assigned");
            for (SocketClient side : new SocketClient[] {a, c}) {
                JSONObject assigned = side.nextObject("queue:assigned");
                assertThat(assigned.getString("conversationId")).isEqualTo(conversationId);
                assertThat(assigned.getJSONObject("agent").getString("id")).isEqualTo(abe.id());
                assertThat(assigned.getJSONObject("customer").getString("id")).isEqualTo(cora.id());
            }
            send(c, conversationId, "Hello?");
            send(a, conversationId, "Hi Cora, let me look.");
            assertThat(a.nextObject("chat:new_message").getString("text")).isEqualTo("Hello?");
            assertThat(texts(messages(c, conversationId))).containsExactly("Hello?", "Hi Cora, let me look.");
            assertThat(server.server().services().support().find(new ConversationId(conversationId)).orElseThrow()
                    .status()).isEqualTo(TicketStatus.IN_PROGRESS);
        }
    }

    @Test
    void endingTheSessionTellsBothSidesAndResolvesTheChat() throws Exception {
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser abe = server.user("Abe", "agent");
        try (SocketClient a = agent(abe); SocketClient c = connect(cora)) {
            JSONObject joined = c.ok("queue:join", json("topic", "help"));
            String conversationId = joined.getJSONObject("chat").getString("conversationId");
            a.ok("queue:pick", json("customerId", cora.id()));

            a.ok("queue:end", json("conversationId", conversationId));

            for (SocketClient side : new SocketClient[] {a, c}) {
                JSONObject ended = side.nextObject("queue:ended");
                assertThat(ended.getString("conversationId")).isEqualTo(conversationId);
                assertThat(ended.getString("by")).isEqualTo(abe.id());
            }
            assertThat(server.server().services().support().find(new ConversationId(conversationId)).orElseThrow()
                    .status()).isEqualTo(TicketStatus.RESOLVED);
            assertThat(c.failure("queue:end", json("conversationId", conversationId)).getString("code"))
                    .isEqualTo("NOT_IN_QUEUE");

            JSONObject again = c.ok("queue:join", json("topic", "one more thing"));
            assertThat(again.getJSONObject("chat").getString("conversationId")).isEqualTo(conversationId);
            assertThat(again.getJSONObject("chat").getString("status")).isEqualTo("open");
        }
    }

    @Test
    void aTransferMovesTheChatTellsAllThreeAndTheFormerAgentKeepsReadingOnly() throws Exception {
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        try (SocketClient a = agent(abe); SocketClient b = agent(bea); SocketClient c = connect(cora)) {
            String conversationId = c.ok("queue:join", json()).getJSONObject("chat").getString("conversationId");
            a.ok("queue:pick", json("customerId", cora.id()));
            send(a, conversationId, "Passing you to billing.");

            a.ok("queue:transfer", json("conversationId", conversationId, "toAgentId", bea.id()));

            for (SocketClient side : new SocketClient[] {a, b, c}) {
                JSONObject moved = side.nextObject("queue:transferred");
                assertThat(moved.getString("conversationId")).isEqualTo(conversationId);
                assertThat(moved.getJSONObject("from").getString("id")).isEqualTo(abe.id());
                assertThat(moved.getJSONObject("to").getString("id")).isEqualTo(bea.id());
            }
            send(b, conversationId, "Hi, billing here.");
            assertThat(texts(messages(a, conversationId))).containsExactly("Passing you to billing.", "Hi, billing here.");
            assertThat(a.failure("chat:send_message", json("conversationId", conversationId, "message", "me again"))
                    .getString("code")).isEqualTo("NOT_ASSIGNEE");
            assertThat(a.failure("queue:end", json("conversationId", conversationId)).getString("code"))
                    .isEqualTo("NOT_ASSIGNEE");
        }
    }

    @Test
    void agentsSeeEachOtherAndTheAvailableCountReachesEveryone() throws Exception {
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser bea = server.user("Bea", "agent");
        try (SocketClient c = connect(cora); SocketClient a = agent(abe); SocketClient silent = connect(bea)) {
            c.ok("chat:get_unread_count"); // speaks the native dialect
            a.ok("agent:set_availability", json("availability", "busy"));

            JSONObject updated = a.nextObject("agent:updated");
            while (!"busy".equals(updated.getJSONObject("agent").getString("availability"))) {
                updated = a.nextObject("agent:updated");
            }
            assertThat(updated.getJSONObject("agent").getString("id")).isEqualTo(abe.id());
            assertThat(c.nextObject("agent:available_count").has("count")).isTrue();
            JSONObject list = a.ok("agent:list");
            assertThat(E2e.objects(list.getJSONArray("agents")))
                    .anySatisfy(agent -> {
                        assertThat(agent.getString("id")).isEqualTo(abe.id());
                        assertThat(agent.getString("availability")).isEqualTo("busy");
                        assertThat(agent.getBoolean("connected")).isTrue();
                    });
            c.expectNone("agent:updated", QUIET_MILLIS); // staff only
            silent.expectNone("agent:updated", QUIET_MILLIS); // staff who have not asked for the agents
        }
    }

    @Test
    void agentSettingsAreTheirOwnOrAnAdminsToChange() throws Exception {
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        TestServer.TestUser ada = server.user("Ada", "admin");
        try (SocketClient a = agent(abe); SocketClient b = agent(bea); SocketClient admin = agent(ada)) {
            JSONObject own = a.ok("agent:set_settings", json("maxChats", 5, "departments", array("billing")));
            assertThat(own.getJSONObject("agent").getInt("maxChats")).isEqualTo(5);
            assertThat(own.getJSONObject("agent").getJSONArray("departments").getString(0)).isEqualTo("billing");

            assertThat(b.failure("agent:set_settings", json("agentId", abe.id(), "maxChats", 1)).getString("code"))
                    .isEqualTo("FORBIDDEN");
            JSONObject byAdmin = admin.ok("agent:set_settings", json("agentId", abe.id(), "maxChats", 2));
            assertThat(byAdmin.getJSONObject("agent").getInt("maxChats")).isEqualTo(2);
            assertThat(admin.failure("agent:set_settings", json("agentId", "nobody", "maxChats", 2)).getString("code"))
                    .isEqualTo("AGENT_NOT_FOUND");
            assertThat(a.failure("agent:set_settings", json("maxChats", 0)).getString("code"))
                    .isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void badQueueRequestsGetStableCodesAndChangeNothing() throws Exception {
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser abe = server.user("Abe", "agent");
        try (SocketClient a = agent(abe); SocketClient c = connect(cora)) {
            assertThat(a.failure("queue:join", json()).getString("code")).isEqualTo("FORBIDDEN");
            assertThat(c.failure("queue:pick", json("customerId", cora.id())).getString("code")).isEqualTo("FORBIDDEN");
            assertThat(c.failure("queue:get", json()).getString("code")).isEqualTo("FORBIDDEN");
            assertThat(c.failure("queue:leave", json()).getString("code")).isEqualTo("NOT_IN_QUEUE");
            assertThat(a.failure("queue:pick", json("entryId", "no-such-entry")).getString("code"))
                    .isEqualTo("NOT_IN_QUEUE");
            assertThat(a.failure("queue:pick", json()).getString("code")).isEqualTo("VALIDATION_FAILED");
            assertThat(a.failure("queue:accept", json("entryId", 42)).getString("code")).isEqualTo("NOT_IN_QUEUE");
            assertThat(a.failure("agent:set_availability", json("availability", "sleepy")).getString("code"))
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(c.failure("queue:join", json("fields", "not an object")).getString("code"))
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(c.failure("queue:join", json("name", "x".repeat(201))).getString("code"))
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(c.failure("queue:join", "not an object").getString("code")).isEqualTo("VALIDATION_FAILED");

            JSONObject joined = c.ok("queue:join", json());
            String conversationId = joined.getJSONObject("chat").getString("conversationId");
            assertThat(a.failure("queue:transfer", json("conversationId", conversationId)).getString("code"))
                    .isEqualTo("NOT_ASSIGNEE");
            assertThat(a.failure("queue:accept", json("entryId", joined.getJSONObject("entry").getString("id")))
                    .getString("code")).isEqualTo("NO_PENDING_OFFER");
            assertThat(c.ok("queue:leave", json()).getJSONObject("entry").getString("id"))
                    .isEqualTo(joined.getJSONObject("entry").getString("id"));
            assertThat(c.nextObject("queue:left").getString("reason")).isEqualTo("left");
        }
    }

    @Test
    void anAnonymousVisitorCanQueue() throws Exception {
        RestClient.Response visitor = new RestClient(server.url()).post("/api/auth/visitor", null,
                RestClient.body("name", "Vic"));
        try (SocketClient v = SocketClient.connect(server.url(), visitor.text("accessToken"), "websocket")) {
            JSONObject joined = v.ok("queue:join", json("topic", "pricing"));
            assertThat(joined.getJSONObject("entry").getJSONObject("customer").getString("name")).isEqualTo("Vic");
        }
    }
}
