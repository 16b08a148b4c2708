package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.send;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.routing.Strategy;
import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One model across paths: assigning a chat with a live session through the tickets (ticket:assign,
 * seed 003's REST) moves the session in routing too, announced as a transfer to all three.
 */
class TicketAssignMovesSessionTest {
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(c -> c.withRouting(c.routing().withStrategy(Strategy.MANUAL)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static SocketClient agent(TestServer.TestUser user) {
        SocketClient a = SocketClient.connect(server.url(), user.token(), "websocket");
        a.ok("agent:list"); // its routing registration is done
        return a;
    }

    @Test
    void ticketAssignMovesTheLiveSessionSoTheNewAgentWritesAndEndsItAndTheOldOneIsRefused() throws Exception {
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        try (SocketClient a = agent(abe); SocketClient b = agent(bea);
                SocketClient c = SocketClient.connect(server.url(), cora.token(), "websocket")) {
            String chat = c.ok("queue:join", json()).getJSONObject("chat").getString("conversationId");
            a.ok("queue:pick", json("customerId", cora.id()));

            a.ok("ticket:assign", json("conversationId", chat, "assigneeId", bea.id()));

            expectTransfer(chat, abe, bea, a, b, c);
            assertNewAgentServesAndEnds(chat, abe, bea, a, b, c);
        }
    }

    @Test
    void seed003RestAssignMovesTheLiveSessionToo() throws Exception {
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        TestServer.TestUser ada = server.user("Ada", "admin");
        try (SocketClient a = agent(abe); SocketClient b = agent(bea);
                SocketClient c = SocketClient.connect(server.url(), cora.token(), "websocket")) {
            String chat = c.ok("queue:join", json()).getJSONObject("chat").getString("conversationId");
            a.ok("queue:pick", json("customerId", cora.id()));

            RestClient.Response assigned = new RestClient(server.url())
                    .post("/api/v1/chats/" + chat + "/assign", ada.token(), Map.of("adminId", bea.id()));
            assertThat(assigned.status()).isEqualTo(200);

            expectTransfer(chat, abe, bea, a, b, c);
            assertNewAgentServesAndEnds(chat, abe, bea, a, b, c);
        }
    }

    @Test
    void assigningToAnAgentWhoIsNotConnectedLeavesTheSessionAndTheTicketWithTheServingAgent() throws Exception {
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser dan = server.known(server.user("Dan", "agent")); // known, not connected
        try (SocketClient a = agent(abe); SocketClient c = SocketClient.connect(server.url(), cora.token(), "websocket")) {
            String chat = c.ok("queue:join", json()).getJSONObject("chat").getString("conversationId");
            a.ok("queue:pick", json("customerId", cora.id()));

            a.ok("ticket:assign", json("conversationId", chat, "assigneeId", dan.id()));

            assertThat(a.ok("ticket:get", json("conversationId", chat)).getJSONObject("assignee").getString("id")).isEqualTo(abe.id());
            send(a, chat, "Still me.");
            a.ok("queue:end", json("conversationId", chat));
            assertThat(c.nextObject("queue:ended").getString("by")).isEqualTo(abe.id());
        }
    }

    @Test
    void assigningAChatWithoutALiveSessionChangesNothingInRouting() throws Exception {
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser abe = server.user("Abe", "agent");
        try (SocketClient a = agent(abe); SocketClient c = SocketClient.connect(server.url(), cora.token(), "websocket")) {
            String chat = c.ok("queue:leave_message", json("message", "call me back")).getJSONObject("ticket")
                    .getString("id");

            a.ok("ticket:assign", json("conversationId", chat));

            JSONObject me = null;
            for (JSONObject agent : E2e.objects(a.ok("agent:list").getJSONArray("agents"))) {
                if (agent.getString("id").equals(abe.id())) me = agent;
            }
            assertThat(me).isNotNull();
            assertThat(me.getInt("activeChats")).isZero();
            assertThat(a.failure("queue:end", json("conversationId", chat)).getString("code")).isEqualTo("NOT_IN_QUEUE");
        }
    }

    private static void expectTransfer(String chat, TestServer.TestUser from, TestServer.TestUser to,
            SocketClient... sides) throws Exception {
        for (SocketClient side : sides) {
            JSONObject moved = side.nextObject("queue:transferred");
            assertThat(moved.getString("conversationId")).isEqualTo(chat);
            assertThat(moved.getJSONObject("from").getString("id")).isEqualTo(from.id());
            assertThat(moved.getJSONObject("to").getString("id")).isEqualTo(to.id());
        }
    }

    private static void assertNewAgentServesAndEnds(String chat, TestServer.TestUser abe, TestServer.TestUser bea,
            SocketClient a, SocketClient b, SocketClient c) throws Exception {
        send(b, chat, "Bea here.");
        assertThat(texts(messages(c, chat))).containsExactly("Bea here.");
        assertThat(a.failure("chat:send_message", json("conversationId", chat, "message", "me again"))
                .getString("code")).isEqualTo("NOT_ASSIGNEE");
        assertThat(a.failure("queue:end", json("conversationId", chat)).getString("code")).isEqualTo("NOT_ASSIGNEE");
        b.ok("queue:end", json("conversationId", chat));
        for (SocketClient side : new SocketClient[] {b, c}) {
            assertThat(side.nextObject("queue:ended").getString("by")).isEqualTo(bea.id());
        }
    }
}
