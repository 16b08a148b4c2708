package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import io.socket.client.Ack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** A connection may have 256 events waiting; beyond that it is told to slow down, and nothing is lost or invented. */
class BackPressureTest extends ServerPerClassTest {
    @Test
    void aClientThatFloodsIsToldToSlowDownAndExactlyTheAcknowledgedMessagesAreStored() throws Exception {
        TestServer.TestUser customer = server.user("Cora", "customer");
        TestServer.TestUser agent = server.known(server.user("Abe", "agent"));
        try (SocketClient c = SocketClient.connect(server.url(), customer.token(), "websocket")) {
            String id = E2e.conversationWith(c, agent.id());
            int flood = 600;
            List<CompletableFuture<JSONObject>> acks = new ArrayList<>();
            for (int i = 0; i < flood; i++) {
                CompletableFuture<JSONObject> ack = new CompletableFuture<>();
                acks.add(ack);
                c.raw().emit("chat:send_message", json("conversationId", id, "message", "m" + i),
                        (Ack) reply -> ack.complete((JSONObject) reply[0]));
            }
            int stored = 0;
            int limited = 0;
            for (CompletableFuture<JSONObject> ack : acks) {
                JSONObject reply = ack.get(SocketClient.TIMEOUT_SECONDS * 4, TimeUnit.SECONDS);
                if (reply.getBoolean("ok")) {
                    stored++;
                } else {
                    assertThat(reply.getJSONObject("error").getString("code")).isEqualTo("RATE_LIMITED");
                    limited++;
                }
            }
            assertThat(stored + limited).isEqualTo(flood);
            assertThat(stored).as("the events within the limit are handled").isGreaterThanOrEqualTo(256);
            assertThat(E2e.summary(c, id).getLong("lastSeq")).as("exactly the acknowledged messages").isEqualTo(stored);
            assertThat(c.ok("chat:send_message", json("conversationId", id, "message", "after")).getLong("seq"))
                    .as("the connection works on").isEqualTo(stored + 1);
        }
    }
}
