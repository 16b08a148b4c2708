package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import io.socket.client.Ack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * The order the dispatch path keeps: a connection's events are handled in the order sent, what a
 * handler emits reaches its socket before the ack of the same event, and frames to one socket keep
 * their order while both sides of a conversation send at once (their sockets on different event loops).
 */
class DispatchOrderTest extends ServerPerClassTest {
    private static final int MESSAGES = 150;
    private static final long WAIT_SECONDS = SocketClient.TIMEOUT_SECONDS * 6;

    @Test
    void anEventTheHandlerEmitsArrivesBeforeTheAckOfTheSameEvent() throws Exception {
        TestServer.TestUser user = server.user("Uma", "user");
        try (SocketClient u = SocketClient.connect(server.url(), user.token(), "websocket")) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch acked = new CountDownLatch(3);
            u.raw().on("authenticated", args -> seen.add("authenticated"));
            for (int i = 0; i < 3; i++) {
                int n = i;
                u.raw().emit("authenticate", json(), (Ack) reply -> {
                    seen.add("ack " + n);
                    acked.countDown();
                });
            }
            assertThat(acked.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("authenticated", "ack 0", "authenticated", "ack 1", "authenticated", "ack 2");
        }
    }

    @Test
    void messagesSentFromBothSidesAtOnceArriveOnceEachInOrderAndEveryAckInOrder() throws Exception {
        TestServer.TestUser user = server.user("Uma", "user");
        TestServer.TestUser admin = server.user("Ada", "admin");
        try (SocketClient u = SocketClient.connect(server.url(), user.token(), "websocket");
                SocketClient ad = SocketClient.connect(server.url(), admin.token(), "websocket")) {
            Side fromUser = new Side(u, ad, admin.id());
            Side fromAdmin = new Side(ad, u, user.id());
            for (int i = 0; i < MESSAGES; i++) { // interleaved, nothing waits for an ack
                fromUser.send(i);
                fromAdmin.send(i);
            }
            for (Side side : List.of(fromUser, fromAdmin)) {
                assertThat(side.acked.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                assertThat(side.received.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                List<Integer> sequence = java.util.stream.IntStream.range(0, MESSAGES).boxed().toList();
                assertThat(side.acks).as("acks in the order sent").containsExactlyElementsOf(sequence);
                assertThat(side.deliveries).as("deliveries in the order sent, each once").containsExactlyElementsOf(sequence);
                assertThat(side.seqs).as("stored in the order sent").isSorted().doesNotHaveDuplicates();
            }
        }
    }

    /** One direction: a sender, its receiver, what came back. */
    private static final class Side {
        final SocketClient sender;
        final String receiverId;
        final List<Integer> acks = Collections.synchronizedList(new ArrayList<>());
        final List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> deliveries = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch acked = new CountDownLatch(MESSAGES);
        final CountDownLatch received = new CountDownLatch(MESSAGES);

        Side(SocketClient sender, SocketClient receiver, String receiverId) {
            this.sender = sender;
            this.receiverId = receiverId;
            String prefix = receiverId + ":";
            receiver.raw().on("receive-message", args -> {
                String text = ((JSONObject) args[0]).optString("message");
                if (!text.startsWith(prefix)) return; // the other direction's message-sent never comes here
                deliveries.add(Integer.parseInt(text.substring(prefix.length())));
                received.countDown();
            });
        }

        void send(int n) {
            sender.raw().emit("send-message", json("receiverId", receiverId, "message", receiverId + ":" + n,
                    "clientMessageId", receiverId + "-" + n), (Ack) reply -> {
                        JSONObject answer = (JSONObject) reply[0];
                        JSONObject data = answer.optJSONObject("data");
                        if (answer.optBoolean("ok") && data != null) {
                            acks.add(n);
                            seqs.add(data.optLong("seq"));
                        }
                        acked.countDown();
                    });
        }
    }
}
