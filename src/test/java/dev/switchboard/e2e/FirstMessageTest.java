package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class FirstMessageTest extends ServerPerClassTest {
    @Test
    void customerMessageToAgentArrivesInBothDialects() throws Exception {
        TestServer.TestUser customer = server.user("Cora", "customer");
        TestServer.TestUser agent = server.user("Abe", "agent");
        try (SocketClient c = SocketClient.connect(server.url(), customer.token(), "websocket");
                SocketClient a = SocketClient.connect(server.url(), agent.token(), "polling")) {
            JSONObject ack = c.call("send-message", json("receiverId", agent.id(), "message", "hello", "clientMessageId", "k1"));
            assertThat(ack.getBoolean("ok")).isTrue();
            JSONObject legacy = a.nextObject("receive-message");
            assertThat(legacy.getString("message")).isEqualTo("hello");
            assertThat(legacy.getString("senderId")).isEqualTo(customer.id());
            JSONObject nativeMessage = a.nextObject("chat:new_message");
            assertThat(nativeMessage.getLong("seq")).isEqualTo(1);
            assertThat(nativeMessage.getString("conversationId")).isEqualTo(legacy.getString("conversationId"));
        }
    }
}
