package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.QUIET_MILLIS;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.Strategy;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 000's live chat, as its clients use it: socket ids as addresses, technicians picking customers. */
class Seed000FlowTest {
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(c -> c.withRouting(c.routing().withStrategy(Strategy.MANUAL)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static SocketClient connect(TestServer.TestUser user) {
        return SocketClient.connect(server.url(), user.token(), "websocket");
    }

    /** The last updateLiveChatQueue that lists (or no longer lists) the customer. */
    static JSONArray queueWith(SocketClient tech, String customerSocket, boolean listed) throws Exception {
        while (true) {
            JSONArray queue = (JSONArray) tech.next("updateLiveChatQueue");
            boolean found = false;
            for (int i = 0; i < queue.length(); i++) found |= customerSocket.equals(queue.getJSONObject(i).getString("id"));
            if (found == listed) return queue;
        }
    }

    @Test
    void aCustomerQueuesATechnicianSelectsThemBySocketIdAndTheyTalkBySocketId() throws Exception {
        TestServer.TestUser tim = server.user("Tim", "technician");
        TestServer.TestUser cora = server.user("Cora", "user");
        try (SocketClient t = connect(tim); SocketClient c = connect(cora)) {
            JSONObject techAck = t.ok("registerUser", json("name", "Tim", "role", "technician"));
            assertThat(techAck.getString("role")).isEqualTo("technician");
            JSONArray technicians = (JSONArray) t.next("updateTechnicianStatus");
            assertThat(technicians.toString()).contains(tim.id());

            c.emit("registerUser", json("name", "Cora", "role", "user"));
            c.emit("joinLiveChatQueue", json("name", "Cora", "issue", "printer on fire", "phone", "555-0100"));
            String coraSocket = c.raw().id();
            JSONArray queue = queueWith(t, coraSocket, true);
            JSONObject waiting = queue.getJSONObject(queue.length() - 1);
            assertThat(waiting.getString("topic")).isEqualTo("printer on fire");
            assertThat(waiting.getJSONObject("fields").getString("phone")).isEqualTo("555-0100");

            t.emit("selectCustomer", coraSocket);

            JSONObject technician = c.nextObject("technicianConnected");
            assertThat(technician.getString("technicianId")).isEqualTo(t.raw().id());
            JSONObject customer = t.nextObject("customerConnected");
            assertThat(customer.getString("id")).isEqualTo(coraSocket);
            String conversationId = customer.getString("conversationId");
            queueWith(t, coraSocket, false);

            c.emit("sendMessage", json("to", technician.getString("technicianId"), "message", "Help!"));
            JSONObject received = t.nextObject("receiveMessage");
            assertThat(received.getString("from")).isEqualTo(coraSocket);
            assertThat(received.getString("message")).isEqualTo("Help!");
            t.emit("sendMessage", json("to", coraSocket, "message", "Unplug it."));
            JSONObject reply = c.nextObject("receiveMessage");
            assertThat(reply.getString("from")).isEqualTo(t.raw().id());
            assertThat(reply.getString("message")).isEqualTo("Unplug it.");

            assertThat(server.server().services().conversations()
                    .history(new UserId(cora.id()), new ConversationId(conversationId), null, 10).messages())
                    .extracting(Message::text).containsExactly("Help!", "Unplug it.");
        }
    }

    @Test
    void aCustomerClaimingToBeATechnicianStaysACustomer() throws Exception {
        TestServer.TestUser mallory = server.user("Mallory", "user");
        TestServer.TestUser cora = server.user("Cora", "user");
        try (SocketClient m = connect(mallory); SocketClient c = connect(cora)) {
            assertThat(m.ok("registerUser", json("name", "Mallory", "role", "technician")).getString("role"))
                    .isEqualTo("customer");
            c.ok("joinLiveChatQueue", json("name", "Cora"));
            assertThat(m.failure("selectCustomer", c.raw().id()).getString("code")).isEqualTo("FORBIDDEN");
            m.expectNone("updateLiveChatQueue", QUIET_MILLIS); // the queue is for staff only
        }
    }

    @Test
    void aWaitingCustomerWhoDisconnectsLeavesTheQueue() throws Exception {
        TestServer.TestUser tim = server.user("Tim", "technician");
        TestServer.TestUser cora = server.user("Cora", "user");
        try (SocketClient t = connect(tim)) {
            t.ok("registerUser", json("name", "Tim"));
            SocketClient c = connect(cora);
            String coraSocket = c.raw().id();
            c.ok("joinLiveChatQueue", json("name", "Cora"));
            queueWith(t, coraSocket, true);

            c.close();

            queueWith(t, coraSocket, false);
            assertThat(server.server().services().routing().queries().activeEntry(new UserId(cora.id()))).isEmpty();
        }
    }

    @Test
    void addressingSomebodyWithoutAChatOrACustomerNotInTheQueueGetsAnError() throws Exception {
        TestServer.TestUser tim = server.user("Tim", "technician");
        TestServer.TestUser cora = server.user("Cora", "user");
        try (SocketClient t = connect(tim); SocketClient c = connect(cora)) {
            t.ok("registerUser", json("name", "Tim"));
            assertThat(t.failure("selectCustomer", c.raw().id()).getString("code")).isEqualTo("NOT_IN_QUEUE");
            assertThat(t.failure("selectCustomer", json()).getString("code")).isEqualTo("VALIDATION_FAILED");
            assertThat(c.failure("sendMessage", json("to", t.raw().id(), "message", "hi")).getString("code"))
                    .isEqualTo("CONVERSATION_NOT_FOUND");
            assertThat(c.failure("sendMessage", json("to", t.raw().id())).getString("code"))
                    .isEqualTo("VALIDATION_FAILED");
        }
    }
}
