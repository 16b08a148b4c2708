package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.QUIET_MILLIS;
import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** Seed 004's {@code send-message} flow, addressed by receiver id, end to end. */
class Seed004FlowTest extends ServerPerClassTest {
    @Test
    void sendMessageReachesEveryTabOfTheReceiverAndIsConfirmedToTheSender() throws Exception {
        TestServer.TestUser user = server.user("Uma", "user");
        TestServer.TestUser admin = server.user("Ada", "admin");
        try (SocketClient u = SocketClient.connect(server.url(), user.token(), "websocket");
                SocketClient tab1 = SocketClient.connect(server.url(), admin.token(), "websocket");
                SocketClient tab2 = SocketClient.connect(server.url(), admin.token(), "polling")) {
            u.emit("send-message", json("receiverId", admin.id(), "message", "Hello, I need help")); // no ack

            JSONObject ack = u.nextObject("message-sent"); // without an ack, the seed's confirmation event
            assertThat(ack.getString("message")).isEqualTo("Hello, I need help");
            assertThat(ack.getLong("seq")).isEqualTo(1);
            for (SocketClient tab : List.of(tab1, tab2)) {
                JSONObject received = tab.nextObject("receive-message");
                assertThat(received.getString("_id")).isEqualTo(ack.getString("_id"));
                assertThat(received.getString("message")).isEqualTo("Hello, I need help");
                assertThat(received.getString("senderId")).isEqualTo(user.id());
                assertThat(received.getString("receiverId")).isEqualTo(admin.id());
                assertThat(received.getString("conversationId")).isEqualTo(ack.getString("conversationId"));
            }
            u.expectNone("receive-message", QUIET_MILLIS); // the sender's copy is message-sent
        }
    }

    @Test
    void theReplyComesBackAsReceiveMessage() throws Exception {
        TestServer.TestUser user = server.user("Uma", "user");
        TestServer.TestUser admin = server.user("Ada", "admin");
        try (SocketClient u = SocketClient.connect(server.url(), user.token(), "websocket");
                SocketClient ad = SocketClient.connect(server.url(), admin.token(), "websocket")) {
            u.ok("send-message", json("receiverId", admin.id(), "message", "Hello, I need help"));
            ad.ok("send-message", json("receiverId", user.id(), "message", "Hi, how can I help you?"));

            JSONObject reply = u.nextObject("receive-message");
            assertThat(reply.getString("message")).isEqualTo("Hi, how can I help you?");
            assertThat(reply.getString("senderId")).isEqualTo(admin.id());
            assertThat(reply.getLong("seq")).isEqualTo(2);
        }
    }

    @Test
    void anOfflineReceiverFindsTheMessageWhenTheyConnect() throws Exception {
        TestServer.TestUser user = server.user("Uma", "user");
        TestServer.TestUser admin = server.known(server.user("Ada", "admin")); // known, offline
        String conversationId;
        try (SocketClient u = SocketClient.connect(server.url(), user.token(), "websocket")) {
            conversationId = u.ok("send-message", json("receiverId", admin.id(), "message", "anyone there?"))
                    .getString("conversationId");
        }

        try (SocketClient ad = SocketClient.connect(server.url(), admin.token(), "polling")) {
            List<JSONObject> list = E2e.conversations(ad);
            assertThat(list).hasSize(1);
            assertThat(list.get(0).getString("id")).isEqualTo(conversationId);
            assertThat(list.get(0).getLong("unreadCount")).isEqualTo(1);
            assertThat(list.get(0).getJSONObject("lastMessage").getString("text")).isEqualTo("anyone there?");
            assertThat(texts(messages(ad, conversationId))).containsExactly("anyone there?");
            ad.expectNone("receive-message", QUIET_MILLIS); // missed messages are fetched, not replayed
        }
    }
}
