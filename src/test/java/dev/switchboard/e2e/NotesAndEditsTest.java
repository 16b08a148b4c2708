package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.send;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChatService;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Internal notes, edits and deletes over the native events, between a customer and their assigned agent. */
class NotesAndEditsTest extends CustomerAndAgentTest {
    String chat;

    @BeforeEach
    void openAssignedChat() {
        SupportChatService support = server.server().services().support();
        ConversationId id = support.openForQueue(new UserId(customer.id()), "", "Help", null).id();
        support.assign(new UserId(agent.id()), id, new UserId(agent.id()));
        chat = id.value();
    }

    @Test
    void aNoteReachesTheAgentButNotTheCustomerWhoseNextMessageIsTheVisibleReply() throws Exception {
        JSONObject note = a.ok("chat:send_message", json("conversationId", chat, "message", "VIP", "internal", true));
        send(a, chat, "Hello Cora");

        assertThat(note.getString("visibility")).isEqualTo("staff");
        assertThat(a.nextObject("chat:new_message").getString("text")).isEqualTo("VIP");
        JSONObject first = c.nextObject("chat:new_message");
        assertThat(first.getString("text")).isEqualTo("Hello Cora");
        assertThat(first.getString("visibility")).isEqualTo("all");
        assertThat(texts(messages(c, chat))).containsExactly("Hello Cora");
        assertThat(texts(messages(a, chat))).containsExactly("VIP", "Hello Cora");
    }

    @Test
    void aCustomerCannotWriteANote() throws Exception {
        JSONObject error = c.failure("chat:send_message", json("conversationId", chat, "message", "x", "internal", true));

        assertThat(error.getString("code")).isEqualTo("FORBIDDEN");
        assertThat(texts(messages(a, chat))).isEmpty();
    }

    @Test
    void anEditReachesBothSidesAsMessageUpdated() throws Exception {
        JSONObject sent = send(c, chat, "helo");

        JSONObject edited = c.ok("chat:edit_message",
                json("conversationId", chat, "messageId", sent.getString("id"), "text", "hello"));

        assertThat(edited.getString("text")).isEqualTo("hello");
        assertThat(edited.has("editedAt")).isTrue();
        for (var side : new dev.switchboard.testing.SocketClient[] {c, a}) {
            JSONObject updated = side.nextObject("chat:message_updated");
            assertThat(updated.getString("id")).isEqualTo(sent.getString("id"));
            assertThat(updated.getString("text")).isEqualTo("hello");
        }
        assertThat(a.failure("chat:edit_message",
                json("conversationId", chat, "messageId", sent.getString("id"), "text", "mine now")).getString("code"))
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void deletingANoteTellsOnlyStaffAndTheCustomerHearsOnlyOfTheVisibleDelete() throws Exception {
        JSONObject note = a.ok("chat:send_message", json("conversationId", chat, "message", "secret", "internal", true));
        JSONObject reply = send(a, chat, "visible");

        a.ok("chat:delete_message", json("conversationId", chat, "messageId", note.getString("id")));
        JSONObject deleted = a.ok("chat:delete_message", json("conversationId", chat, "messageId", reply.getString("id")));

        assertThat(deleted.getString("text")).isEmpty();
        assertThat(deleted.has("deletedAt")).isTrue();
        assertThat(c.nextObject("chat:message_updated").getString("id")).isEqualTo(reply.getString("id"));
        assertThat(a.nextObject("chat:message_updated").getString("id")).isEqualTo(note.getString("id"));
        assertThat(c.failure("chat:delete_message", json("conversationId", chat, "messageId", note.getString("id")))
                .getString("code")).isEqualTo("MESSAGE_NOT_FOUND");
    }

    @Test
    void malformedEditsAreRefusedWithValidationFailed() throws Exception {
        assertThat(c.failure("chat:edit_message", json("conversationId", chat, "text", "x")).getString("code"))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(c.failure("chat:edit_message", json("conversationId", chat, "messageId", "m", "text", 5.5))
                .getString("code")).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(c.failure("chat:send_message", json("conversationId", chat, "message", "x", "internal", "yes"))
                .getString("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(c.failure("chat:send_message", json("conversationId", chat, "message", "x", "type", "video"))
                .getString("code")).isEqualTo("VALIDATION_FAILED");
    }
}
