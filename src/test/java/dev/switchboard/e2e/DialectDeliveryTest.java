package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.QUIET_MILLIS;
import static dev.switchboard.e2e.E2e.conversationWith;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * A connection gets news in the dialects it speaks: one copy of each message, not one per
 * vocabulary. A connection that has sent nothing yet gets every dialect.
 */
class DialectDeliveryTest extends ServerPerClassTest {
    @Test
    void aClientThatSpokeOnlyNativeGetsNoSeed004Copies() throws Exception {
        TestServer.TestUser customer = server.user("Cora", "customer");
        TestServer.TestUser agent = server.user("Abe", "agent");
        try (SocketClient c = SocketClient.connect(server.url(), customer.token(), "websocket");
                SocketClient a = SocketClient.connect(server.url(), agent.token(), "websocket")) {
            conversationWith(c, agent.id()); // c speaks native
            a.ok("send-message", json("receiverId", customer.id(), "message", "hi")); // a speaks seed 004

            assertThat(c.nextObject("chat:new_message").getString("text")).isEqualTo("hi");
            c.expectNone("receive-message", QUIET_MILLIS);
            a.expectNone("chat:new_message", 0); // the sender's own copy is native-only too
        }
    }

    @Test
    void aClientThatSpokeOnlySeed004GetsNoNativeCopies() throws Exception {
        TestServer.TestUser customer = server.user("Cora", "customer");
        TestServer.TestUser agent = server.user("Abe", "agent");
        try (SocketClient c = SocketClient.connect(server.url(), customer.token(), "websocket");
                SocketClient a = SocketClient.connect(server.url(), agent.token(), "websocket")) {
            c.ok("authenticate", json()); // c speaks seed 004
            String id = conversationWith(a, customer.id());
            a.ok("chat:send_message", json("conversationId", id, "message", "hello"));

            assertThat(c.nextObject("receive-message").getString("message")).isEqualTo("hello");
            c.expectNone("chat:new_message", QUIET_MILLIS);
        }
    }

    @Test
    void aClientThatHasSentNothingGetsEveryDialect() throws Exception {
        TestServer.TestUser customer = server.user("Cora", "customer");
        TestServer.TestUser agent = server.user("Abe", "agent");
        try (SocketClient listener = SocketClient.connect(server.url(), customer.token(), "polling");
                SocketClient a = SocketClient.connect(server.url(), agent.token(), "websocket")) {
            server.known(agent);
            a.ok("send-message", json("receiverId", customer.id(), "message", "hello"));

            JSONObject legacy = listener.nextObject("receive-message");
            JSONObject modern = listener.nextObject("chat:new_message");
            assertThat(legacy.getString("id")).isEqualTo(modern.getString("id"));
        }
    }

    @Test
    void anAcknowledgedSendIsConfirmedByTheAckAloneAndAnUnacknowledgedOneByMessageSent() throws Exception {
        TestServer.TestUser customer = server.user("Cora", "customer");
        TestServer.TestUser agent = server.known(server.user("Abe", "agent"));
        try (SocketClient c = SocketClient.connect(server.url(), customer.token(), "websocket")) {
            JSONObject acked = c.ok("send-message", json("receiverId", agent.id(), "message", "one"));
            assertThat(acked.getLong("seq")).isEqualTo(1);
            c.expectNone("message-sent", QUIET_MILLIS);

            c.emit("send-message", json("receiverId", agent.id(), "message", "two"));
            assertThat(c.nextObject("message-sent").getLong("seq")).isEqualTo(2);
        }
    }
}
