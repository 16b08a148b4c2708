package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.conversationWith;
import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.send;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.array;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.util.UUID;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Promise: bad input gets a clear error and changes nothing; it never takes the server (or the
 * connection) down. Every test ends in {@link #nothingChangedAndStillHealthy()}, whose successful
 * calls prove the connection still works.
 */
class MalformedInputTest extends ServerPerClassTest {
    static final int MAX_CHARS = 10_000;
    TestServer.TestUser customer;
    TestServer.TestUser agent;
    SocketClient c;
    SocketClient a;
    String id;
    int conversationsOfC = 1;

    @BeforeEach
    void aConversationWithOneMessage() throws Exception {
        customer = server.user("Cora", "customer");
        agent = server.user("Abe", "agent");
        c = SocketClient.connect(server.url(), customer.token(), "websocket");
        a = SocketClient.connect(server.url(), agent.token(), "websocket");
        id = conversationWith(c, agent.id());
        send(c, id, "hello");
        c.nextObject("chat:new_message");
        a.nextObject("chat:new_message");
        a.nextObject("receive-message");
    }

    @AfterEach
    void nothingChangedAndStillHealthy() throws Exception {
        try {
            assertThat(c.isConnected()).as("still connected").isTrue();
            assertThat(texts(messages(c, id))).as("history").containsExactly("hello");
            assertThat(E2e.conversations(c)).as("conversations").hasSize(conversationsOfC);
            a.expectNone("chat:new_message", 100);
            a.expectNone("receive-message", 0);
            assertThat(send(c, id, "still works").getLong("seq")).isEqualTo(2);
        } finally {
            c.close();
            a.close();
        }
    }

    @Test
    void aPayloadThatIsAStringIsRefused() throws Exception {
        assertThat(code("chat:send_message", "hello")).isEqualTo("VALIDATION_FAILED");
        assertThat(code("send-message", "hello")).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aPayloadThatIsANumberIsRefused() throws Exception {
        assertThat(code("chat:send_message", 42)).isEqualTo("VALIDATION_FAILED");
        assertThat(code("chat:join", 42)).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aPayloadThatIsAnArrayIsRefused() throws Exception {
        assertThat(code("chat:send_message", array(id, "hello"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code("chat:get_messages", array(id))).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void missingFieldsAreRefusedNamingTheField() throws Exception {
        JSONObject noConversation = c.failure("chat:send_message", json("message", "hello"));
        assertThat(noConversation.getString("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(noConversation.getString("message")).contains("conversationId");
        JSONObject noText = c.failure("chat:send_message", json("conversationId", id));
        assertThat(noText.getString("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(noText.getString("message")).contains("message");
        assertThat(code("send-message", json("message", "hello"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code("chat:send_message")).isEqualTo("VALIDATION_FAILED"); // no payload at all
    }

    @Test
    void fieldsOfTheWrongTypeAreRefused() throws Exception {
        assertThat(code("chat:send_message", json("conversationId", json("id", id), "message", "hello")))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code("chat:send_message", json("conversationId", id, "message", array(1, 2, 3))))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code("send-message", json("receiverId", array(agent.id()), "message", "hello")))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code("chat:get_messages", json("conversationId", id, "beforeSeq", "soon")))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code("chat:typing", json("conversationId", id, "isTyping", "yes"))).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void anUnknownConversationIsNotFound() throws Exception {
        String unknown = UUID.randomUUID().toString();
        assertThat(code("chat:send_message", json("conversationId", unknown, "message", "hello")))
                .isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(code("chat:join", json("conversationId", unknown))).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(code("chat:get_messages", json("conversationId", unknown))).isEqualTo("CONVERSATION_NOT_FOUND");
    }

    @Test
    void textLongerThanTheLimitIsTooLong() throws Exception {
        String tooLong = "x".repeat(MAX_CHARS + 1);
        assertThat(code("chat:send_message", json("conversationId", id, "message", tooLong))).isEqualTo("MESSAGE_TOO_LONG");
        assertThat(code("send-message", json("receiverId", agent.id(), "message", tooLong))).isEqualTo("MESSAGE_TOO_LONG");
    }

    @Test
    void textOfExactlyTheLimitIsAcceptedAndCountsCharactersNotUtf16Units() throws Exception {
        String emoji = "\uD83D\uDE00".repeat(MAX_CHARS); // 10,000 characters, 20,000 UTF-16 units
        // in a conversation of its own, so that the shared check still finds the first one unchanged
        String other = conversationWith(c, server.known(server.user("Abe 2", "agent")).id());
        conversationsOfC = 2;

        JSONObject sent = send(c, other, emoji);

        assertThat(sent.getLong("seq")).isEqualTo(1);
        String stored = E2e.objects(messages(c, other).getJSONArray("messages")).get(0).getString("text");
        assertThat(stored.equals(emoji)).as("the text is stored unchanged").isTrue();
    }

    @Test
    void blankTextIsRefused() throws Exception {
        assertThat(code("chat:send_message", json("conversationId", id, "message", " \t\n "))).isEqualTo("VALIDATION_FAILED");
        assertThat(code("chat:send_message", json("conversationId", id, "message", ""))).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void textWithANulCharacterIsRefused() throws Exception {
        assertThat(code("chat:send_message", json("conversationId", id, "message", "a\u0000b"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code("send-message", json("receiverId", agent.id(), "message", "a\u0000b"))).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aReceiverWhoDoesNotExistIsNotFoundAndNoConversationIsCreated() throws Exception {
        String nobody = "customer-" + UUID.randomUUID();
        assertThat(code("send-message", json("receiverId", nobody, "message", "hello"))).isEqualTo("USER_NOT_FOUND");
        assertThat(code("chat:get_or_create_conversation", json("participantId", nobody))).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void sendingToYourselfIsRefused() throws Exception {
        assertThat(code("send-message", json("receiverId", customer.id(), "message", "hello me"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code("chat:get_or_create_conversation", json("participantId", customer.id()))).isEqualTo("VALIDATION_FAILED");
        c.expectNone("receive-message", 100);
    }

    @Test
    void withoutAnAckTheErrorComesAsChatError() throws Exception {
        c.emit("chat:send_message", json("conversationId", UUID.randomUUID().toString(), "message", "hello"));

        JSONObject error = c.nextObject("chat:error");
        assertThat(error.getString("code")).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(error.getString("event")).isEqualTo("chat:send_message");
        assertThat(error.getString("message")).isNotBlank();
    }

    @Test
    void aFloodOfMalformedEventsGetsAnErrorEachAndKeepsTheConnection() throws Exception {
        // more than the 256 events a connection may have waiting: those beyond are refused at once
        int flood = 500;
        for (int i = 0; i < flood; i++) c.emit("chat:send_message", i % 2 == 0 ? "garbage " + i : json("conversationId", i));

        int validation = 0;
        for (int i = 0; i < flood; i++) {
            String code = c.nextObject("chat:error").getString("code");
            assertThat(code).isIn("VALIDATION_FAILED", "RATE_LIMITED");
            if (code.equals("VALIDATION_FAILED")) validation++;
        }
        c.expectNone("chat:error", 100);
        assertThat(validation).as("the events within the limit are handled").isGreaterThanOrEqualTo(256);
    }

    /** Calls with an ack, asserts failure and returns the error code. */
    private String code(String event, Object... args) throws Exception {
        return c.failure(event, args).getString("code");
    }
}
