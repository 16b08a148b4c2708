package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.QUIET_MILLIS;
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

/** Seed 001's {@code chat:*} flow between a customer and an agent, end to end. */
class Seed001FlowTest extends CustomerAndAgentTest {
    @Override
    String agentTransport() {
        return "polling";
    }

    @Test
    void getOrCreateGivesBothSidesTheSameCustomerSupportConversation() throws Exception {
        JSONObject mine = c.ok("chat:get_or_create_conversation", json("participantId", agent.id()));
        JSONObject theirs = a.ok("chat:get_or_create_conversation", json("participantId", customer.id()));

        assertThat(theirs.getString("id")).isEqualTo(mine.getString("id"));
        assertThat(mine.getString("type")).isEqualTo("customer_support");
        assertThat(E2e.strings(mine.getJSONArray("participants"))).containsExactlyInAnyOrder(customer.id(), agent.id());
        assertThat(mine.getLong("lastSeq")).isZero();
    }

    @Test
    void joiningConfirmsToTheJoinerAndAnnouncesToTheOtherJoinedSocket() throws Exception {
        String id = conversationWith(c, agent.id());

        JSONObject ack = c.ok("chat:join", json("conversationId", id));
        assertThat(ack.getString("conversationId")).isEqualTo(id);
        assertThat(c.nextObject("chat:joined").getString("conversationId")).isEqualTo(id);
        a.ok("chat:join", json("conversationId", id));

        JSONObject joined = c.nextObject("chat:user_joined");
        assertThat(joined.getString("userId")).isEqualTo(agent.id());
        assertThat(joined.getString("name")).isEqualTo("Abe");
        assertThat(joined.getString("conversationId")).isEqualTo(id);
        a.expectNone("chat:user_joined", QUIET_MILLIS); // nobody is told about themselves
    }

    @Test
    void aSentMessageReachesBothParticipantsAndTheSendersOtherTab() throws Exception {
        String id = conversationWith(c, agent.id());
        try (SocketClient secondTab = SocketClient.connect(server.url(), customer.token(), "polling")) {
            JSONObject sent = c.ok("chat:send_message",
                    json("conversationId", id, "message", "my order is late", "clientMessageId", "m-1"));

            assertThat(sent.getLong("seq")).isEqualTo(1);
            assertThat(sent.getString("senderId")).isEqualTo(customer.id());
            for (SocketClient receiver : new SocketClient[] {c, secondTab, a}) {
                JSONObject delivered = receiver.nextObject("chat:new_message");
                assertThat(delivered.getString("id")).isEqualTo(sent.getString("id"));
                assertThat(delivered.getString("text")).isEqualTo("my order is late");
                assertThat(delivered.getString("message")).isEqualTo("my order is late");
                assertThat(delivered.getString("conversationId")).isEqualTo(id);
                assertThat(delivered.getString("clientMessageId")).isEqualTo("m-1");
            }
        }
    }

    @Test
    void historyPagesBackwardsWithBeforeSeqAndLimit() throws Exception {
        String id = conversationWith(c, agent.id());
        for (int i = 1; i <= 5; i++) send(i % 2 == 0 ? a : c, id, "message " + i);

        JSONObject latest = messages(a, id, "limit", 2);
        assertThat(seqs(latest)).containsExactly(4L, 5L);
        assertThat(texts(latest)).containsExactly("message 4", "message 5");
        assertThat(latest.getBoolean("hasMore")).isTrue();

        JSONObject older = messages(a, id, "beforeSeq", 4, "limit", 2);
        assertThat(seqs(older)).containsExactly(2L, 3L);
        assertThat(older.getBoolean("hasMore")).isTrue();

        JSONObject oldest = messages(a, id, "beforeSeq", 2, "limit", 2);
        assertThat(seqs(oldest)).containsExactly(1L);
        assertThat(oldest.getBoolean("hasMore")).isFalse();
        // the reply also comes as seed 001's chat:messages event
        a.drain("chat:messages");
        messages(a, id);
        assertThat(seqs(a.nextObject("chat:messages"))).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void markingReadTellsBothSidesAndClearsTheUnreadCount() throws Exception {
        String id = conversationWith(c, agent.id());
        for (int i = 1; i <= 3; i++) send(c, id, "question " + i);
        JSONObject before = a.ok("chat:get_unread_count");
        assertThat(before.getLong("total")).isEqualTo(3);
        assertThat(before.getJSONObject("conversations").getLong(id)).isEqualTo(3);

        JSONObject read = a.ok("chat:mark_read", json("conversationId", id));

        assertThat(read.getLong("lastReadSeq")).isEqualTo(3);
        for (SocketClient both : new SocketClient[] {c, a}) {
            JSONObject receipt = both.nextObject("chat:messages_read");
            assertThat(receipt.getString("userId")).isEqualTo(agent.id());
            assertThat(receipt.getString("conversationId")).isEqualTo(id);
            assertThat(receipt.getLong("lastReadSeq")).isEqualTo(3);
        }
        JSONObject after = a.ok("chat:get_unread_count");
        assertThat(after.getLong("total")).isZero();
        assertThat(after.getJSONObject("conversations").has(id)).isFalse();
    }

    @Test
    void markingReadUpToASeqLeavesTheRestUnread() throws Exception {
        String id = conversationWith(c, agent.id());
        for (int i = 1; i <= 3; i++) send(c, id, "question " + i);

        a.ok("chat:mark_read", json("conversationId", id, "upToSeq", 2));

        assertThat(a.ok("chat:get_unread_count").getLong("total")).isEqualTo(1);
    }

    @Test
    void theConversationListShowsMyUnreadCountAndTheLastMessage() throws Exception {
        String id = conversationWith(c, agent.id());
        send(c, id, "first");
        send(c, id, "second");

        JSONObject agentView = E2e.summary(a, id);
        assertThat(agentView.getLong("unreadCount")).isEqualTo(2);
        assertThat(agentView.getJSONObject("lastMessage").getString("text")).isEqualTo("second");
        assertThat(agentView.getJSONArray("others").getJSONObject(0).getString("name")).isEqualTo("Cora");
        assertThat(agentView.getJSONArray("others").getJSONObject(0).has("email")).isFalse();
        assertThat(E2e.summary(c, id).getLong("unreadCount")).isZero(); // my own messages are not unread to me
    }

    @Test
    void theConversationListPagesWithACursorLatestActivityFirst() throws Exception {
        String first = conversationWith(c, agent.id());
        send(c, first, "to Abe");
        String second = conversationWith(c, server.known(server.user("Bea", "agent")).id());
        send(c, second, "to Bea");
        String third = conversationWith(c, server.known(server.user("Cid", "agent")).id());
        send(c, third, "to Cid");
        send(c, first, "Abe again"); // the oldest conversation becomes the latest

        JSONObject page1 = c.ok("chat:get_conversations", json("limit", 2));
        JSONObject page2 = c.ok("chat:get_conversations", json("limit", 2, "cursor", page1.getString("nextCursor")));

        assertThat(ids(page1)).containsExactly(first, third);
        assertThat(ids(page2)).containsExactly(second);
        assertThat(page2.isNull("nextCursor")).isTrue();
    }

    @Test
    void leavingAnnouncesToTheOthersAndStopsRoomEventsButNotMessages() throws Exception {
        String id = conversationWith(c, agent.id());
        c.ok("chat:join", json("conversationId", id));
        a.ok("chat:join", json("conversationId", id));

        a.ok("chat:leave", json("conversationId", id));

        JSONObject left = c.nextObject("chat:user_left");
        assertThat(left.getString("userId")).isEqualTo(agent.id());
        assertThat(left.getString("conversationId")).isEqualTo(id);
        c.ok("chat:typing", json("conversationId", id, "isTyping", true));
        a.expectNone("chat:user_typing", QUIET_MILLIS); // no longer in the room
        send(c, id, "still there?");
        assertThat(a.nextObject("chat:new_message").getString("text")).isEqualTo("still there?");
    }

    private static java.util.List<String> ids(JSONObject page) throws Exception {
        return E2e.objects(page.getJSONArray("conversations")).stream().map(o -> o.optString("id")).toList();
    }
}
