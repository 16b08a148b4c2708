package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff typing an internal note ({@code internal: true}) is news for the other staff only: the
 * customer, listening natively (in the chat's room) and in seed 003, hears only the public typing
 * that follows it.
 */
class InternalTypingTest extends CustomerAndAgentTest {
    String chat;
    TestServer.TestUser admin;
    SocketClient d;

    @BeforeEach
    void openAssignedChatWatchedByAnAdmin() throws Exception {
        SupportChatService support = server.server().services().support();
        ConversationId id = support.openForQueue(new UserId(customer.id()), "", "Help", null).id();
        support.assign(new UserId(agent.id()), id, new UserId(agent.id()));
        chat = id.value();
        admin = server.user("Ada", "admin");
        d = SocketClient.connect(server.url(), admin.token(), "websocket");
        c.ok("chat:join", json("conversationId", chat));
        c.ok("join_support_chat", json("chatId", chat));
        d.ok("join_support_chat", json("chatId", chat)); // staff opening it become a participant
        d.ok("chat:join", json("conversationId", chat));
    }

    @AfterEach
    void closeAdmin() {
        d.close();
    }

    @Test
    void internalTypingReachesOtherStaffButTheCustomerHearsOnlyTheLaterPublicTyping() throws Exception {
        a.ok("chat:typing", json("conversationId", chat, "isTyping", true, "internal", true));
        JSONObject seen = d.nextObject("chat:user_typing");
        a.ok("chat:typing", json("conversationId", chat, "isTyping", false, "internal", true));
        a.ok("chat:typing", json("conversationId", chat, "isTyping", true));

        assertThat(seen.getString("userId")).isEqualTo(agent.id());
        assertThat(seen.getBoolean("internal")).isTrue();
        assertThat(seen.getBoolean("isTyping")).isTrue();
        JSONObject first = c.nextObject("chat:user_typing");
        assertThat(first.getBoolean("isTyping")).isTrue();
        assertThat(first.has("internal")).isFalse();
        JSONObject firstSeed003 = c.nextObject("user_typing_support");
        assertThat(firstSeed003.getBoolean("isTyping")).isTrue();
        assertThat(E2e.strings(c.ok("chat:join", json("conversationId", chat)).getJSONArray("typing")))
                .containsExactly(agent.id());
    }

    @Test
    void seed003InternalTypingStaysWithStaffToo() throws Exception {
        a.ok("support_typing_start", json("chatId", chat, "internal", true));
        assertThat(d.nextObject("chat:user_typing").getBoolean("internal")).isTrue();
        a.ok("support_typing_stop", json("chatId", chat, "internal", true));
        a.ok("support_typing_start", json("chatId", chat));

        JSONObject first = c.nextObject("user_typing_support");
        assertThat(first.getBoolean("isTyping")).isTrue();
        assertThat(c.nextObject("chat:user_typing").has("internal")).isFalse();
    }

    @Test
    void internalTypingWhilePubliclyTypingTellsTheCustomerTheTypingStopped() throws Exception {
        a.ok("chat:typing", json("conversationId", chat, "isTyping", true));
        assertThat(c.nextObject("chat:user_typing").getBoolean("isTyping")).isTrue();
        a.ok("chat:typing", json("conversationId", chat, "isTyping", true, "internal", true));

        assertThat(c.nextObject("chat:user_typing").getBoolean("isTyping")).isFalse();
        assertThat(c.ok("chat:join", json("conversationId", chat)).getJSONArray("typing").length()).isZero();
    }

    @Test
    void aCustomerCannotTypeInternally() throws Exception {
        JSONObject error = c.failure("chat:typing", json("conversationId", chat, "isTyping", true, "internal", true));

        assertThat(error.getString("code")).isEqualTo("FORBIDDEN");
    }
}
