package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.QUIET_MILLIS;
import static dev.switchboard.e2e.E2e.conversationWith;
import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.send;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Promise: no one reads or writes a conversation they do not belong to. Each refusal is
 * NOT_PARTICIPANT, tells the participants nothing and changes nothing.
 */
class AuthorizationTest extends ServerPerClassTest {
    TestServer.TestUser customer;
    TestServer.TestUser agent;
    SocketClient c;
    SocketClient a;
    SocketClient outsider;
    String id;

    @BeforeEach
    void aConversationWithOneMessageAndAnOutsider() throws Exception {
        customer = server.user("Cora", "customer");
        agent = server.user("Abe", "agent");
        c = SocketClient.connect(server.url(), customer.token(), "websocket");
        a = SocketClient.connect(server.url(), agent.token(), "websocket");
        outsider = SocketClient.connect(server.url(), server.user("Eve", "customer").token(), "websocket");
        id = conversationWith(c, agent.id());
        c.ok("chat:join", json("conversationId", id));
        a.ok("chat:join", json("conversationId", id));
        c.nextObject("chat:user_joined");
        send(c, id, "private");
        c.nextObject("chat:new_message");
        a.nextObject("chat:new_message");
    }

    @AfterEach
    void closeAll() {
        c.close();
        a.close();
        outsider.close();
    }

    @Test
    void anOutsiderCannotJoinAndSoHearsNothingOfTheConversation() throws Exception {
        assertThat(outsider.failure("chat:join", json("conversationId", id)).getString("code")).isEqualTo("NOT_PARTICIPANT");

        outsider.expectNone("chat:joined", QUIET_MILLIS);
        c.expectNone("chat:user_joined", 0);
        send(a, id, "still private");
        c.ok("chat:typing", json("conversationId", id, "isTyping", true));
        assertThat(c.nextObject("chat:new_message").getString("text")).isEqualTo("still private");
        outsider.expectNone("chat:new_message", QUIET_MILLIS);
        outsider.expectNone("chat:user_typing", 0);
        outsider.expectNone("typing", 0);
    }

    @Test
    void anOutsiderCannotReadTheHistory() throws Exception {
        JSONObject error = outsider.failure("chat:get_messages", json("conversationId", id));

        assertThat(error.getString("code")).isEqualTo("NOT_PARTICIPANT");
        assertThat(error.toString()).doesNotContain("private");
        outsider.expectNone("chat:messages", QUIET_MILLIS);
        assertThat(outsider.failure("chat:get_messages", json("conversationId", id, "afterSeq", 0))
                .getString("code")).isEqualTo("NOT_PARTICIPANT");
    }

    @Test
    void anOutsiderCannotSendAMessage() throws Exception {
        JSONObject error = outsider.failure("chat:send_message", json("conversationId", id, "message", "let me in"));

        assertThat(error.getString("code")).isEqualTo("NOT_PARTICIPANT");
        a.expectNone("chat:new_message", QUIET_MILLIS);
        c.expectNone("chat:new_message", 0);
        assertThat(texts(messages(a, id))).containsExactly("private");
        assertThat(a.ok("chat:get_unread_count").getLong("total")).isEqualTo(1);
    }

    @Test
    void anOutsiderCannotMarkTheConversationRead() throws Exception {
        JSONObject error = outsider.failure("chat:mark_read", json("conversationId", id));

        assertThat(error.getString("code")).isEqualTo("NOT_PARTICIPANT");
        a.expectNone("chat:messages_read", QUIET_MILLIS);
        c.expectNone("chat:messages_read", 0);
        assertThat(a.ok("chat:get_unread_count").getLong("total")).isEqualTo(1);
    }

    @Test
    void anOutsiderCannotTypeIntoTheConversation() throws Exception {
        JSONObject error = outsider.failure("chat:typing", json("conversationId", id, "isTyping", true));

        assertThat(error.getString("code")).isEqualTo("NOT_PARTICIPANT");
        a.expectNone("chat:user_typing", QUIET_MILLIS);
        a.expectNone("typing", 0);
        c.expectNone("chat:user_typing", 0);
    }

    @Test
    void anOutsiderSeesNothingOfItInTheirListsAndCounts() throws Exception {
        assertThat(E2e.conversations(outsider)).isEmpty();
        assertThat(outsider.ok("chat:get_unread_count").getLong("total")).isZero();
    }

    @Test
    void staffWhoAreNotParticipantsAreRefusedToo() throws Exception {
        try (SocketClient otherAgent = SocketClient.connect(server.url(), server.user("Ola", "agent").token(), "websocket")) {
            assertThat(otherAgent.failure("chat:get_messages", json("conversationId", id)).getString("code"))
                    .isEqualTo("NOT_PARTICIPANT");
            assertThat(otherAgent.failure("chat:send_message", json("conversationId", id, "message", "hi"))
                    .getString("code")).isEqualTo("NOT_PARTICIPANT");
        }
        assertThat(texts(messages(c, id))).containsExactly("private");
    }

    @Test
    void aCustomerCannotStartAConversationWithAnotherCustomer() throws Exception {
        TestServer.TestUser other = server.known(server.user("Otto", "customer"));

        assertThat(c.failure("chat:get_or_create_conversation", json("participantId", other.id())).getString("code"))
                .isEqualTo("FORBIDDEN");
        assertThat(c.failure("send-message", json("receiverId", other.id(), "message", "hi")).getString("code"))
                .isEqualTo("FORBIDDEN");
        assertThat(E2e.conversations(c)).hasSize(1);
    }
}
