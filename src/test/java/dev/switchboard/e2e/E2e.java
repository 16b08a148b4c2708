package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;

import dev.switchboard.testing.SocketClient;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;

/** Small readers of the native API's replies, shared by the end-to-end tests. */
final class E2e {
    /** Long enough for a wrongly addressed event to have arrived, short enough to keep the suite quick. */
    static final long QUIET_MILLIS = 400;

    private E2e() {}

    /** The direct conversation between the client's user and {@code otherUserId}, created on first use. */
    /**
     * Makes a client speak seed 004 as well (it sends {@code authenticate}), so that it receives
     * both dialects' events once it has also used a native one. See docs/protocol.md, "Dialects".
     */
    static SocketClient bilingual(SocketClient client) throws Exception {
        client.ok("authenticate", json());
        client.ok("chat:get_unread_count", json());
        return client;
    }

    static String conversationWith(SocketClient client, String otherUserId) throws Exception {
        return client.ok("chat:get_or_create_conversation", json("participantId", otherUserId)).getString("id");
    }

    /** Sends a native message and returns the ack's message. */
    static JSONObject send(SocketClient client, String conversationId, String text) throws Exception {
        return client.ok("chat:send_message", json("conversationId", conversationId, "message", text));
    }

    /** The messages page of {@code chat:get_messages} with the given extra fields. */
    static JSONObject messages(SocketClient client, String conversationId, Object... more) throws Exception {
        JSONObject payload = json(more);
        payload.put("conversationId", conversationId);
        return client.ok("chat:get_messages", payload);
    }

    static List<Long> seqs(JSONObject page) throws Exception {
        List<Long> out = new ArrayList<>();
        for (JSONObject m : objects(page.getJSONArray("messages"))) out.add(m.getLong("seq"));
        return out;
    }

    static List<String> texts(JSONObject page) throws Exception {
        List<String> out = new ArrayList<>();
        for (JSONObject m : objects(page.getJSONArray("messages"))) out.add(m.getString("text"));
        return out;
    }

    /** The summary of one conversation in the client's {@code chat:get_conversations}, or null. */
    static JSONObject summary(SocketClient client, String conversationId) throws Exception {
        for (JSONObject c : conversations(client)) {
            if (c.getString("id").equals(conversationId)) return c;
        }
        return null;
    }

    static List<JSONObject> conversations(SocketClient client) throws Exception {
        return objects(client.ok("chat:get_conversations").getJSONArray("conversations"));
    }

    static List<JSONObject> objects(JSONArray array) throws Exception {
        List<JSONObject> out = new ArrayList<>();
        for (int i = 0; i < array.length(); i++) out.add(array.getJSONObject(i));
        return out;
    }

    static List<String> strings(JSONArray array) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.length(); i++) out.add(array.getString(i));
        return out;
    }
}
