package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.send;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.routing.Strategy;
import dev.switchboard.support.TicketStatus;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The queue, the assignments and the support chats survive a restart of the server on the same data. */
class QueueRestartTest {
    private static final UnaryOperator<ServerConfig> MANUAL = c -> c.withRouting(c.routing().withStrategy(Strategy.MANUAL));

    @Test
    void waitingCustomersKeepTheirPlaceAndServedOnesTheirAgentAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory("switchboard-restart");
        TestServer.TestUser abe;
        TestServer.TestUser cora;
        TestServer.TestUser dan;
        String coraChat;
        String danEntry;
        TestServer first = TestServer.startOn(dir, MANUAL);
        try {
            abe = first.user("Abe", "agent");
            cora = first.user("Cora", "customer");
            dan = first.user("Dan", "customer");
            try (SocketClient a = SocketClient.connect(first.url(), abe.token(), "websocket");
                    SocketClient c = SocketClient.connect(first.url(), cora.token(), "websocket");
                    SocketClient d = SocketClient.connect(first.url(), dan.token(), "websocket")) {
                a.ok("agent:set_settings", json("maxChats", 4));
                coraChat = c.ok("queue:join", json("topic", "refund")).getJSONObject("chat").getString("conversationId");
                danEntry = d.ok("queue:join", json("topic", "login")).getJSONObject("entry").getString("id");
                a.ok("queue:pick", json("customerId", cora.id()));
                send(c, coraChat, "Before the restart");
            }
        } finally {
            first.stop();
        }

        try (TestServer second = TestServer.startOn(dir, MANUAL)) {
            try (SocketClient a = SocketClient.connect(second.url(), abe.token(), "websocket");
                    SocketClient c = SocketClient.connect(second.url(), cora.token(), "websocket");
                    SocketClient d = SocketClient.connect(second.url(), dan.token(), "websocket")) {
                JSONObject me = a.ok("agent:list").getJSONArray("agents").getJSONObject(0);
                assertThat(me.getString("id")).isEqualTo(abe.id());
                assertThat(me.getInt("activeChats")).isEqualTo(1);
                assertThat(me.getInt("maxChats")).isEqualTo(4);
                assertThat(me.getString("availability")).isEqualTo("available");
                JSONObject queue = a.ok("queue:get", json());
                assertThat(queue.getJSONArray("queue").length()).isEqualTo(1);
                assertThat(queue.getJSONArray("queue").getJSONObject(0).getString("id")).isEqualTo(danEntry);

                send(a, coraChat, "After the restart");
                assertThat(texts(messages(c, coraChat))).containsExactly("Before the restart", "After the restart");
                JSONObject again = d.ok("queue:join", json());
                assertThat(again.getJSONObject("entry").getString("id")).isEqualTo(danEntry);
                assertThat(again.getJSONObject("position").getInt("position")).isEqualTo(1);
                assertThat(second.server().services().support().find(new ConversationId(coraChat)).orElseThrow().status())
                        .isEqualTo(TicketStatus.IN_PROGRESS);
            }
        } finally {
            TestServer.deleteRecursively(dir);
        }
    }
}
