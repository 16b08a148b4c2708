package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.conversationWith;
import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.send;
import static dev.switchboard.e2e.E2e.seqs;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** One model behind every dialect: seed 001 and seed 004 clients share one conversation. */
class CrossDialectTest extends CustomerAndAgentTest {
    @Override
    String agentRole() {
        return "technician";
    }

    @Test
    void aSeed004MessageContinuesTheSeed001Conversation() throws Exception {
        String id = conversationWith(c, agent.id());
        send(c, id, "native first");

        JSONObject direct = c.ok("send-message", json("receiverId", agent.id(), "message", "seed 004 second"));

        assertThat(direct.getString("conversationId")).isEqualTo(id);
        assertThat(direct.getLong("seq")).isEqualTo(2);
        JSONObject nativeCopy = nextNewMessageWithSeq(a, 2);
        assertThat(nativeCopy.getString("conversationId")).isEqualTo(id);
        assertThat(nativeCopy.getString("text")).isEqualTo("seed 004 second");
        JSONObject page = messages(a, id);
        assertThat(seqs(page)).containsExactly(1L, 2L);
        assertThat(texts(page)).containsExactly("native first", "seed 004 second");
        assertThat(E2e.conversations(a)).hasSize(1);
    }

    @Test
    void aNativeMessageReachesASeed004ClientAsReceiveMessage() throws Exception {
        JSONObject first = c.ok("send-message", json("receiverId", agent.id(), "message", "hello"));
        String id = first.getString("conversationId");

        JSONObject sent = a.ok("chat:send_message", json("conversationId", id, "message", "hi from the console"));

        JSONObject received = c.nextObject("receive-message"); // the first is the customer's own: none for it
        assertThat(received.getLong("seq")).isEqualTo(2);
        assertThat(received.getString("_id")).isEqualTo(sent.getString("id"));
        assertThat(received.getString("message")).isEqualTo("hi from the console");
        assertThat(received.getString("senderId")).isEqualTo(agent.id());
        assertThat(received.getString("receiverId")).isEqualTo(customer.id());
        assertThat(received.getString("conversationId")).isEqualTo(id);
    }

    @Test
    void aConversationBegunWithSendMessageIsTheOneGetOrCreateFinds() throws Exception {
        String begun = c.ok("send-message", json("receiverId", agent.id(), "message", "hello")).getString("conversationId");

        assertThat(conversationWith(a, customer.id())).isEqualTo(begun);
        assertThat(conversationWith(c, agent.id())).isEqualTo(begun);
    }

    @Test
    void readingNativelyClearsTheUnreadCountOfSeed004Messages() throws Exception {
        String id = c.ok("send-message", json("receiverId", agent.id(), "message", "one")).getString("conversationId");
        c.ok("send-message", json("receiverId", agent.id(), "message", "two"));
        assertThat(E2e.summary(a, id).getLong("unreadCount")).isEqualTo(2);

        c.ok("chat:get_unread_count", json()); // the customer's client speaks native too: it gets receipts
        a.ok("chat:mark_read", json("conversationId", id));

        assertThat(E2e.summary(a, id).getLong("unreadCount")).isZero();
        assertThat(c.nextObject("chat:messages_read").getLong("lastReadSeq")).isEqualTo(2);
    }

    private static JSONObject nextNewMessageWithSeq(SocketClient client, long seq) throws Exception {
        // the earlier messages of the conversation come first, in order
        for (long expected = 1; ; expected++) {
            JSONObject m = client.nextObject("chat:new_message");
            assertThat(m.getLong("seq")).as("chat:new_message in order").isEqualTo(expected);
            if (expected == seq) return m;
        }
    }
}
