package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.conversationWith;
import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.send;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** C1 under load and over time: what crosses between transports, during an upgrade, and across heartbeats. */
class TransportTest extends ServerPerClassTest {
    static final int BURST = 40;

    @Test
    void textCrossesBetweenPollingAndWebSocketClientsUnchanged() throws Exception {
        TestServer.TestUser customer = server.user("Zoë", "customer");
        TestServer.TestUser agent = server.user("Åsa", "agent");
        String text = "naïve café 😀 你好 שלום \"quoted\" \\back\\slash\nsecond line\ttab";
        try (SocketClient c = SocketClient.connect(server.url(), customer.token(), "polling");
                SocketClient a = SocketClient.connect(server.url(), agent.token(), "websocket")) {
            String id = conversationWith(c, agent.id());

            send(c, id, text);
            JSONObject toWebSocket = a.nextObject("chat:new_message");
            send(a, id, text + " (echo)");
            assertThat(c.nextObject("chat:new_message").getString("text")).isEqualTo(text); // own copy first
            JSONObject toPolling = c.nextObject("chat:new_message");

            assertThat(toWebSocket.getString("text")).isEqualTo(text);
            assertThat(toPolling.getString("message")).isEqualTo(text + " (echo)");
            assertThat(texts(messages(c, id))).containsExactly(text, text + " (echo)");
            assertThat(a.nextObject("chat:new_message").getString("text")).isEqualTo(text + " (echo)"); // own echo
        }
    }

    @Test
    void messagesToAClientThatIsUpgradingArriveOnceAndInOrder() throws Exception {
        TestServer.TestUser customer = server.user("Cora", "customer");
        TestServer.TestUser agent = server.known(server.user("Abe", "agent"));
        try (SocketClient c = SocketClient.connect(server.url(), customer.token(), "websocket")) {
            String id = conversationWith(c, agent.id());
            try (SocketClient a = SocketClient.connect(server.url(), agent.token())) {
                for (int i = 1; i <= BURST; i++) c.emit("chat:send_message", json("conversationId", id, "message", "m" + i));

                assertThat(a.awaitUpgrade()).isEqualTo("websocket");
                assertThat(seqsOfNext(a, BURST)).isEqualTo(oneTo(BURST));
                a.expectNone("chat:new_message", E2e.QUIET_MILLIS);
            }
            c.expectNone("chat:error", 0);
        }
    }

    @Test
    void messagesFromAClientThatIsUpgradingAreAllStoredInOrder() throws Exception {
        TestServer.TestUser customer = server.user("Cora", "customer");
        TestServer.TestUser agent = server.known(server.user("Abe", "agent"));
        try (SocketClient c = SocketClient.connect(server.url(), customer.token())) {
            String id = conversationWith(c, agent.id());
            for (int i = 1; i <= BURST; i++) c.emit("chat:send_message", json("conversationId", id, "message", "m" + i));

            assertThat(c.awaitUpgrade()).isEqualTo("websocket");
            assertThat(seqsOfNext(c, BURST)).isEqualTo(oneTo(BURST));
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= BURST; i++) expected.add("m" + i);
            assertThat(texts(messages(c, id, "limit", 100))).isEqualTo(expected);
            c.expectNone("chat:error", 0);
        }
    }

    @Test
    void idleClientsOnEitherTransportStayConnectedThroughHeartbeats() throws Exception {
        // the test server pings every 2 s and waits 2 s for the pong: 5 s idle spans two rounds
        TestServer.TestUser customer = server.user("Cora", "customer");
        try (SocketClient polling = SocketClient.connect(server.url(), customer.token(), "polling");
                SocketClient websocket = SocketClient.connect(server.url(), customer.token(), "websocket")) {
            Thread.sleep(5_000);

            assertThat(polling.isConnected()).isTrue();
            assertThat(websocket.isConnected()).isTrue();
            assertThat(polling.ok("chat:get_unread_count").getLong("total")).isZero();
            assertThat(websocket.ok("chat:get_unread_count").getLong("total")).isZero();
        }
    }

    private static List<Long> seqsOfNext(SocketClient client, int count) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) seqs.add(client.nextObject("chat:new_message").getLong("seq"));
        return seqs;
    }

    private static List<Long> oneTo(int n) {
        List<Long> out = new ArrayList<>();
        for (long i = 1; i <= n; i++) out.add(i);
        return out;
    }
}
