package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.identity.UserId;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 002's call signalling as its clients use it: call, reject, transfer, messages, mute, leave. */
class Seed002FlowTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SocketClient agent(TestServer.TestUser user) {
        SocketClient a = SocketClient.connect(server.url(), user.token(), "websocket");
        a.ok("connectAgent", json("id", "whatever-the-client-says"));
        return a;
    }

    private SocketClient user(TestServer.TestUser user) {
        SocketClient u = SocketClient.connect(server.url(), user.token(), "websocket");
        u.ok("connectUser", json("id", "spoofed"));
        return u;
    }

    @Test
    void aCallReachesAnAvailableAgentAndBothTalkMuteAndLeave() throws Exception {
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser uma = server.user("Uma", "user");
        try (SocketClient a = agent(abe); SocketClient u = user(uma)) {
            JSONObject ack = u.ok("callAgent", json("userId", "someone-else", "roomId", "room-1"));

            assertThat(ack.getString("agentId")).isEqualTo(abe.id());
            for (SocketClient side : new SocketClient[] {a, u}) {
                JSONObject call = side.nextObject("callAgent");
                assertThat(call.getString("roomId")).isEqualTo("room-1");
                assertThat(call.getString("userId")).isEqualTo(uma.id());
                assertThat(call.getString("agentId")).isEqualTo(abe.id());
            }
            String conversationId = ack.getString("conversationId");

            u.ok("userMessage", json("roomId", "room-1", "messageInput", "Can you hear me?"));
            assertThat(a.nextObject("userMessage").getString("messageInput")).isEqualTo("Can you hear me?");
            a.ok("agentMessage", json("roomId", "room-1", "messageInput", "Loud and clear."));
            assertThat(u.nextObject("agentMessage").getString("messageInput")).isEqualTo("Loud and clear.");
            assertThat(server.server().services().conversations()
                    .history(new UserId(uma.id()), new ConversationId(conversationId), null, 10).messages())
                    .extracting(Message::text).containsExactly("Can you hear me?", "Loud and clear.");

            u.ok("mute", json("roomId", "room-1", "muted", true));
            JSONObject mute = a.nextObject("mute");
            assertThat(mute.getString("from")).isEqualTo(uma.id());
            assertThat(mute.getBoolean("muted")).isTrue();

            u.ok("leaveCall", json("roomId", "room-1"));
            assertThat(a.nextObject("leaveCall").getString("by")).isEqualTo(uma.id());
            assertThat(a.failure("agentMessage", json("roomId", "room-1", "messageInput", "hello?")).getString("code"))
                    .isEqualTo("NOT_IN_QUEUE");
        }
    }

    @Test
    void aCallWithNoAgentAvailableIsAnsweredWithAnErrorAndAnEventAndIsNotKept() throws Exception {
        TestServer.TestUser uma = server.user("Uma", "user");
        try (SocketClient u = user(uma)) {
            JSONObject error = u.failure("callAgent", json("roomId", "room-9"));

            assertThat(error.getString("code")).isEqualTo("NO_AGENT_AVAILABLE");
            JSONObject noAgents = u.nextObject("queue:no_agents");
            assertThat(noAgents.getBoolean("staffed")).isFalse();
            assertThat(noAgents.getString("roomId")).isEqualTo("room-9");
            assertThat(server.server().services().routing().queries().activeEntry(new UserId(uma.id()))).isEmpty();
        }
    }

    @Test
    void aRejectedCallGoesToTheNextAgentAndWhenEveryoneRejectedTheCallerIsTold() throws Exception {
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        TestServer.TestUser uma = server.user("Uma", "user");
        try (SocketClient a = agent(abe); SocketClient b = agent(bea); SocketClient u = user(uma)) {
            String first = u.ok("callAgent", json("roomId", "room-2")).getString("agentId");
            SocketClient firstAgent = first.equals(abe.id()) ? a : b;
            SocketClient secondAgent = first.equals(abe.id()) ? b : a;
            String second = first.equals(abe.id()) ? bea.id() : abe.id();
            firstAgent.nextObject("callAgent");
            u.nextObject("callAgent");

            firstAgent.ok("rejectCall", json("agentId", "ignored", "roomId", "room-2"));

            assertThat(secondAgent.nextObject("callAgent").getString("agentId")).isEqualTo(second);
            assertThat(u.nextObject("callAgent").getString("agentId")).isEqualTo(second);

            secondAgent.ok("rejectCall", json("roomId", "room-2"));

            assertThat(u.nextObject("queue:no_agents").getString("roomId")).isEqualTo("room-2");
            assertThat(firstAgent.failure("rejectCall", json("roomId", "room-2")).getString("code"))
                    .isEqualTo("NOT_IN_QUEUE");
        }
    }

    @Test
    void aTransferMovesTheCallToAnotherAvailableAgentAndATransferAfterTheUserLeftIsAnError() throws Exception {
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        TestServer.TestUser uma = server.user("Uma", "user");
        try (SocketClient a = agent(abe); SocketClient u = user(uma)) {
            u.ok("callAgent", json("roomId", "room-3"));
            a.nextObject("callAgent");
            try (SocketClient b = agent(bea)) {
                a.ok("callTransfer", json("agentId", "ignored", "roomId", "room-3"));

                JSONObject toAgent = b.nextObject("callTransfer");
                assertThat(toAgent.getString("roomId")).isEqualTo("room-3");
                assertThat(toAgent.getString("fromAgentId")).isEqualTo(abe.id());
                assertThat(u.nextObject("callTransfer").getString("agentId")).isEqualTo(bea.id());
                b.ok("agentMessage", json("roomId", "room-3", "messageInput", "Bea here."));
                assertThat(u.nextObject("agentMessage").getString("messageInput")).isEqualTo("Bea here.");

                u.ok("leaveCall", json("roomId", "room-3"));
                assertThat(b.failure("callTransfer", json("roomId", "room-3")).getString("code"))
                        .isEqualTo("NOT_IN_QUEUE");
            }
        }
    }

    @Test
    void togglingAvailabilityBroadcastsTheCountAndOnlyStaffActAsAgents() throws Exception {
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser uma = server.user("Uma", "user");
        try (SocketClient u = user(uma); SocketClient a = agent(abe)) {
            assertThat(u.nextObject("getAvailableAgents").getInt("availableAgents")).isEqualTo(1);

            a.ok("toggleAvailability", json("id", "ignored", "available", false));

            assertThat(u.nextObject("getAvailableAgents").getInt("availableAgents")).isZero();
            assertThat(u.failure("connectAgent", json()).getString("code")).isEqualTo("FORBIDDEN");
            assertThat(u.failure("toggleAvailability", json("available", true)).getString("code")).isEqualTo("FORBIDDEN");
            assertThat(a.failure("toggleAvailability", json()).getString("code")).isEqualTo("VALIDATION_FAILED");
            assertThat(u.failure("callAgent", json("roomId", "room-4")).getString("code")).isEqualTo("NO_AGENT_AVAILABLE");
        }
    }
}
