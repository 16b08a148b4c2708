package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.send;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.Strategy;
import dev.switchboard.support.TicketStatus;
import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 7: one customer, one conversation, one history, whichever dialect each step uses —
 * queued through seed 000, served through the native API, transferred with seed 002, closed through
 * seed 003's REST endpoint (which ends the live session too).
 */
class CrossDialectJourneyTest {
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(c -> c.withRouting(c.routing().withStrategy(Strategy.MANUAL)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void queuedThroughSeed000ServedNativelyTransferredWithSeed002IsOneConversationWithOneHistory() throws Exception {
        TestServer.TestUser cora = server.user("Cora", "user");
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        try (SocketClient c = SocketClient.connect(server.url(), cora.token(), "websocket");
                SocketClient a = SocketClient.connect(server.url(), abe.token(), "websocket");
                SocketClient b = SocketClient.connect(server.url(), bea.token(), "websocket")) {
            a.ok("agent:list");
            b.ok("agent:list");
            c.ok("registerUser", json("name", "Cora"));
            JSONObject queued = c.ok("joinLiveChatQueue", json("name", "Cora", "issue", "Invoice is wrong"));
            String conversationId = queued.getString("conversationId");

            a.ok("queue:pick", json("customerId", cora.id()));
            String abeSocket = c.nextObject("technicianConnected").getString("technicianId");
            send(a, conversationId, "Hi Cora, Abe here.");
            assertThat(c.nextObject("receiveMessage").getString("message")).isEqualTo("Hi Cora, Abe here.");
            c.ok("sendMessage", json("to", abeSocket, "message", "My invoice is wrong."));
            assertThat(a.nextObject("chat:new_message").getString("text")).isEqualTo("Hi Cora, Abe here."); // own tab
            assertThat(a.nextObject("chat:new_message").getString("text")).isEqualTo("My invoice is wrong.");

            JSONObject transferred = a.ok("callTransfer", json("agentId", "ignored"));
            assertThat(transferred.getString("agentId")).isEqualTo(bea.id());
            assertThat(transferred.getString("conversationId")).isEqualTo(conversationId);
            assertThat(b.nextObject("queue:transferred").getString("conversationId")).isEqualTo(conversationId);
            assertThat(c.nextObject("technicianConnected").getString("technicianUserId")).isEqualTo(bea.id());

            send(b, conversationId, "Bea from billing: fixed.");
            assertThat(c.nextObject("receiveMessage").getString("message")).isEqualTo("Bea from billing: fixed.");
            RestClient.Response closed = new RestClient(server.url()).send("PUT",
                    "/api/v1/chats/" + conversationId + "/status", bea.token(), RestClient.body("status", "closed"), Map.of());
            assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

            JSONObject ended = b.nextObject("queue:ended");
            assertThat(ended.getString("conversationId")).isEqualTo(conversationId);
            assertThat(ended.getString("by")).isEqualTo(bea.id());
            assertThat(texts(messages(b, conversationId))).containsExactly("Hi Cora, Abe here.",
                    "My invoice is wrong.", "Bea from billing: fixed.");
            assertThat(texts(messages(a, conversationId))).hasSize(3); // the earlier agent still reads it
            var chat = server.server().services().support().find(new ConversationId(conversationId)).orElseThrow();
            assertThat(chat.status()).isEqualTo(TicketStatus.CLOSED);
            assertThat(chat.assignee().value()).isEqualTo(bea.id());
            var routing = server.server().services().routing();
            assertThat(routing.queries().activeEntry(new UserId(cora.id()))).isEmpty();
            assertThat(routing.queries().agent(new UserId(bea.id())).orElseThrow().chats()).isEmpty();
            assertThat(c.ok("joinLiveChatQueue", json("name", "Cora")).getString("conversationId"))
                    .isNotEqualTo(conversationId); // a closed chat is over: coming back opens a new one
        }
    }
}
