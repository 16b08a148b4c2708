package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.QUIET_MILLIS;
import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Test
    void messagesSentWithoutWaitingAreAnsweredAndDeliveredInSendOrderWhenSomeMustWaitForTheDatabase() throws Exception {
        TestServer.TestUser user = server.user("Uma", "user");
        TestServer.TestUser admin = server.user("Ada", "admin");
        List<TestServer.TestUser> newcomers = new ArrayList<>();
        for (int i = 0; i < 8; i++) newcomers.add(server.known(server.user("New " + i, "admin")));
        try (SocketClient u = SocketClient.connect(server.url(), user.token(), "websocket");
                SocketClient ad = SocketClient.connect(server.url(), admin.token(), "websocket")) {
            u.ok("send-message", json("receiverId", admin.id(), "message", "m0"));
            ad.nextObject("receive-message");
            // every sixth goes to someone new: a conversation created, which a virtual thread must do,
            // while the others could be answered on the event loop; one retry of a key just sent
            List<String> expected = new ArrayList<>();
            List<String> acked = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch allAcked = new CountDownLatch(48);
            for (int i = 1; i <= 48; i++) {
                String to = i % 6 == 0 ? newcomers.get(i / 6 - 1).id() : admin.id();
                String key = i == 20 ? "key-19" : "key-" + i;
                String text = "m" + (i == 20 ? 19 : i);
                expected.add(key);
                u.raw().emit("send-message", json("receiverId", to, "message", text, "clientMessageId", key),
                        (io.socket.client.Ack) reply -> {
                            acked.add(((JSONObject) reply[0]).optJSONObject("data").optString("clientMessageId"));
                            allAcked.countDown();
                        });
            }

            assertThat(allAcked.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(acked).as("acks in send order").containsExactlyElementsOf(expected);
            List<Long> seqs = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 39; i++) { // 40 to the admin, one a retry: 39 new messages
                JSONObject received = ad.nextObject("receive-message");
                seqs.add(received.getLong("seq"));
                texts.add(received.getString("message"));
            }
            assertThat(seqs).as("one seq each, in send order, after m0's").isEqualTo(
                    java.util.stream.LongStream.rangeClosed(2, 40).boxed().toList());
            assertThat(texts).doesNotHaveDuplicates().startsWith("m1", "m2", "m3", "m4", "m5", "m7");
            ad.expectNone("receive-message", QUIET_MILLIS);
        }
    }

    @Test
    void aRecipientSpeakingSeed002GetsEachMessageRelayedInSendOrder() throws Exception {
        TestServer.TestUser user = server.user("Uma", "user");
        TestServer.TestUser agent = server.user("Abe", "agent");
        try (SocketClient u = SocketClient.connect(server.url(), user.token(), "websocket");
                SocketClient a = SocketClient.connect(server.url(), agent.token(), "websocket")) {
            a.ok("connectAgent", json("id", agent.id())); // speaks seed 002: the relay needs the routing engine
            u.ok("send-message", json("receiverId", agent.id(), "message", "m1"));
            for (int i = 2; i <= 6; i++) u.emit("send-message", json("receiverId", agent.id(), "message", "m" + i));

            List<String> relayed = new ArrayList<>();
            for (int i = 1; i <= 6; i++) relayed.add(a.nextObject("agentMessage").getString("messageInput"));
            assertThat(relayed).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
            for (int i = 1; i <= 5; i++) u.nextObject("message-sent");
            a.expectNone("agentMessage", QUIET_MILLIS);
        }
    }
}
