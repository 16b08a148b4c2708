package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.QUIET_MILLIS;
import static dev.switchboard.e2e.E2e.conversationWith;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.time.Duration;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * C4: typing and presence reach the people in the conversation, or the user's contacts, and nobody
 * else. Every client here speaks both dialects, so each notice is checked in both vocabularies. The stranger is a customer who talks with the same agent, so "nobody else" is tested
 * against someone the server does know about.
 */
class PresenceAndTypingTest extends ServerPerClassTest {
    TestServer.TestUser customer;
    TestServer.TestUser agent;
    TestServer.TestUser stranger;
    SocketClient a;
    SocketClient s;

    @BeforeEach
    void agentAndStrangerOnline() throws Exception {
        customer = server.known(server.user("Cora", "customer")); // known, still offline
        agent = server.user("Abe", "agent");
        stranger = server.user("Sid", "customer");
        a = E2e.bilingual(SocketClient.connect(server.url(), agent.token(), "websocket"));
        s = E2e.bilingual(SocketClient.connect(server.url(), stranger.token(), "websocket"));
        conversationWith(a, customer.id());
        conversationWith(s, agent.id());
    }

    @AfterEach
    void closeAll() {
        a.close();
        s.close();
    }

    @Test
    void nativeTypingReachesTheOtherParticipantInBothDialectsButNotAThirdUser() throws Exception {
        try (SocketClient c = E2e.bilingual(SocketClient.connect(server.url(), customer.token(), "websocket"))) {
            String id = conversationWith(c, agent.id());
            a.ok("chat:join", json("conversationId", id));
            s.ok("chat:join", json("conversationId", conversationWith(s, agent.id())));

            c.ok("chat:typing", json("conversationId", id, "isTyping", true));

            JSONObject typing = a.nextObject("chat:user_typing");
            assertThat(typing.getString("userId")).isEqualTo(customer.id());
            assertThat(typing.getString("conversationId")).isEqualTo(id);
            assertThat(typing.getBoolean("isTyping")).isTrue();
            assertThat(a.nextObject("typing").getString("senderId")).isEqualTo(customer.id());
            c.ok("chat:typing", json("conversationId", id, "isTyping", false));
            assertThat(a.nextObject("chat:user_typing").getBoolean("isTyping")).isFalse();
            assertThat(a.nextObject("stop-typing").getString("senderId")).isEqualTo(customer.id());
            s.expectNone("chat:user_typing", QUIET_MILLIS);
            s.expectNone("typing", 0);
            s.expectNone("stop-typing", 0);
            c.expectNone("typing", 0); // nor the typist themselves
        }
    }

    @Test
    void seed004TypingByReceiverIdReachesEverySocketOfTheReceiverOnly() throws Exception {
        try (SocketClient c = E2e.bilingual(SocketClient.connect(server.url(), customer.token(), "websocket"));
                SocketClient secondTab = SocketClient.connect(server.url(), agent.token(), "polling")) {
            c.ok("send-message", json("receiverId", agent.id(), "message", "hello"));

            c.ok("typing", json("receiverId", agent.id()));
            c.ok("stop-typing", json("receiverId", agent.id()));

            for (SocketClient tab : new SocketClient[] {a, secondTab}) {
                assertThat(tab.nextObject("typing").getString("senderId")).isEqualTo(customer.id());
                assertThat(tab.nextObject("stop-typing").getString("senderId")).isEqualTo(customer.id());
            }
            s.expectNone("typing", QUIET_MILLIS);
        }
    }

    @Test
    void sendingAMessageEndsTheSendersTyping() throws Exception {
        try (SocketClient c = E2e.bilingual(SocketClient.connect(server.url(), customer.token(), "websocket"))) {
            String id = conversationWith(c, agent.id());
            a.ok("chat:join", json("conversationId", id));
            c.ok("chat:typing", json("conversationId", id, "isTyping", true));
            assertThat(a.nextObject("chat:user_typing").getBoolean("isTyping")).isTrue();

            E2e.send(c, id, "done typing");

            assertThat(a.nextObject("chat:user_typing").getBoolean("isTyping")).isFalse();
            assertThat(a.nextObject("stop-typing").getString("senderId")).isEqualTo(customer.id());
        }
    }

    @Test
    void closingTheLastTabEndsTheUsersTyping() throws Exception {
        SocketClient c = E2e.bilingual(SocketClient.connect(server.url(), customer.token(), "websocket"));
        String id = conversationWith(c, agent.id());
        c.ok("typing", json("receiverId", agent.id()));
        assertThat(a.nextObject("typing").getString("senderId")).isEqualTo(customer.id());

        c.close();

        assertThat(a.nextObject("stop-typing").getString("conversationId")).isEqualTo(id);
        assertThat(a.nextObject("user-offline").getString("userId")).isEqualTo(customer.id());
    }

    @Test
    void onlineAndOfflineReachContactsButNotStrangers() throws Exception {
        SocketClient c = E2e.bilingual(SocketClient.connect(server.url(), customer.token(), "websocket"));
        assertThat(a.nextObject("user-online").getString("userId")).isEqualTo(customer.id());
        JSONObject online = a.nextObject("chat:user_status");
        assertThat(online.getString("userId")).isEqualTo(customer.id());
        assertThat(online.getBoolean("online")).isTrue();

        c.close();

        assertThat(a.nextObject("user-offline").getString("userId")).isEqualTo(customer.id());
        JSONObject offline = a.nextObject("chat:user_status");
        assertThat(offline.getBoolean("online")).isFalse();
        assertThat(offline.isNull("lastSeenAt")).isFalse();
        s.expectNone("user-online", QUIET_MILLIS);
        s.expectNone("user-offline", 0);
        s.expectNone("chat:user_status", 0);
    }

    @Test
    void aUserWithTwoTabsGoesOfflineOnlyWhenTheSecondCloses() throws Exception {
        SocketClient tab1 = E2e.bilingual(SocketClient.connect(server.url(), customer.token(), "websocket"));
        SocketClient tab2 = SocketClient.connect(server.url(), customer.token(), "polling");
        assertThat(a.nextObject("user-online").getString("userId")).isEqualTo(customer.id());
        a.expectNone("user-online", QUIET_MILLIS); // the second tab is not news

        tab1.close();
        a.expectNone("user-offline", QUIET_MILLIS);
        assertThat(a.ok("chat:get_user_status", json("userId", customer.id())).getBoolean("online")).isTrue();

        tab2.close();
        assertThat(a.nextObject("user-offline").getString("userId")).isEqualTo(customer.id());
        assertThat(a.ok("chat:get_user_status", json("userId", customer.id())).getBoolean("online")).isFalse();
    }

    @Test
    void aTabThatVanishesWithoutGoodbyeGoesOfflineAndTheUserCanComeBack() throws Exception {
        SocketClient c = E2e.bilingual(SocketClient.connect(server.url(), customer.token(), "websocket"));
        assertThat(a.nextObject("user-online").getString("userId")).isEqualTo(customer.id());

        c.vanish();

        // at worst found out by the heartbeat: 2 s interval + 2 s timeout on the test server
        assertThat(((JSONObject) a.next("user-offline", Duration.ofSeconds(8))).getString("userId")).isEqualTo(customer.id());
        try (SocketClient back = E2e.bilingual(SocketClient.connect(server.url(), customer.token(), "websocket"))) {
            assertThat(a.nextObject("user-online").getString("userId")).isEqualTo(customer.id());
        }
        c.close();
    }

    @Test
    void typingExpiresByItselfAfterTheServersTimeToLive() throws Exception {
        try (SocketClient c = E2e.bilingual(SocketClient.connect(server.url(), customer.token(), "websocket"))) {
            String id = conversationWith(c, agent.id());
            a.ok("chat:join", json("conversationId", id));

            c.ok("chat:typing", json("conversationId", id, "isTyping", true));
            assertThat(a.nextObject("chat:user_typing").getBoolean("isTyping")).isTrue();
            long started = System.nanoTime();

            JSONObject expired = (JSONObject) a.next("chat:user_typing", Duration.ofSeconds(10));
            Duration after = Duration.ofNanos(System.nanoTime() - started);
            assertThat(expired.getBoolean("isTyping")).isFalse();
            assertThat(expired.getString("userId")).isEqualTo(customer.id());
            assertThat(after).isGreaterThan(Duration.ofSeconds(4)); // the TTL is 6 s: not an immediate stop
            assertThat(a.nextObject("stop-typing").getString("senderId")).isEqualTo(customer.id());
        }
    }

    @Test
    void aCustomerMayNotSeeTheStatusOfAnUnrelatedCustomer() throws Exception {
        JSONObject error = s.failure("chat:get_user_status", json("userId", customer.id()));

        assertThat(error.getString("code")).isEqualTo("FORBIDDEN");
        assertThat(s.ok("chat:get_user_status", json("userId", agent.id())).getBoolean("online")).isTrue();
    }

    @Test
    void aCustomerMaySeeTheStatusOfSomeoneTheyTalkWith() throws Exception {
        try (SocketClient c = E2e.bilingual(SocketClient.connect(server.url(), customer.token(), "websocket"))) {
            JSONObject status = c.ok("chat:get_user_status", json("userId", agent.id()));
            assertThat(status.getString("userId")).isEqualTo(agent.id());
            assertThat(status.getBoolean("online")).isTrue();
        }
    }
}
