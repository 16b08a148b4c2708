package dev.switchboard.e2e;

import static dev.switchboard.testing.RestClient.body;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what with a ticket (the owner, another customer, the assigned agent, an admin who
 * does not take part), and every way an internal note could reach a customer: socket news in each
 * dialect, history, lists, unread counts, last message, search, ticket news, statistics, REST of
 * seeds 001 and 003.
 */
class AuthorizationMatrixTest extends ServerPerClassTest {
    static final String SECRET = "SECRET-NOTE-TEXT";
    RestClient rest;
    TestServer.TestUser owner;
    TestServer.TestUser stranger;
    TestServer.TestUser agent;
    TestServer.TestUser admin;
    List<SocketClient> sockets = new ArrayList<>();
    String chat;

    @BeforeEach
    void ticketWithItsPeople() {
        rest = new RestClient(server.url());
        owner = server.user("Owen", "customer");
        stranger = server.user("Stan", "customer");
        agent = server.user("Abe", "agent");
        admin = server.user("Ada", "admin");
        RestClient.Response created = rest.post("/api/v1/chats/support", owner.token(), body("subject", "Refund"));
        chat = created.json().get("data").get("_id").asText();
        assertThat(rest.post("/api/v1/chats/" + chat + "/assign", agent.token(), body()).status()).isEqualTo(200);
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(SocketClient::close);
    }

    SocketClient connect(TestServer.TestUser user) {
        SocketClient s = SocketClient.connect(server.url(), user.token(), "websocket");
        sockets.add(s);
        return s;
    }

    @Test
    void everyTicketActionAnswersEachRoleAsDocumented() {
        Map<String, TestServer.TestUser> people = Map.of("owner", owner, "stranger", stranger, "agent", agent,
                "admin", admin);
        Map<String, SocketClient> as = new java.util.HashMap<>();
        people.forEach((name, user) -> as.put(name, connect(user)));
        // action -> expected outcome for owner, stranger, agent, admin ("ok" or an error code)
        Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        Map<String, Function<SocketClient, JSONObject>> actions = new java.util.LinkedHashMap<>();
        actions.put("ticket:get", s -> s.call("ticket:get", json("conversationId", chat)));
        expected.put("ticket:get", List.of("ok", "CONVERSATION_NOT_FOUND", "ok", "ok"));
        actions.put("ticket:update priority", s -> s.call("ticket:update", json("conversationId", chat, "priority", "high")));
        expected.put("ticket:update priority", List.of("FORBIDDEN", "CONVERSATION_NOT_FOUND", "ok", "ok"));
        actions.put("ticket:update subject", s -> s.call("ticket:update", json("conversationId", chat, "subject", "X")));
        expected.put("ticket:update subject", List.of("FORBIDDEN", "CONVERSATION_NOT_FOUND", "ok", "ok"));
        actions.put("ticket:update resolved", s -> s.call("ticket:update", json("conversationId", chat, "status", "resolved")));
        // the admin asks for the status it has by then: nothing to change, answered with the ticket
        expected.put("ticket:update resolved", List.of("FORBIDDEN", "CONVERSATION_NOT_FOUND", "ok", "ok"));
        actions.put("ticket:assign", s -> s.call("ticket:assign", json("conversationId", chat, "assigneeId", agent.id())));
        expected.put("ticket:assign", List.of("FORBIDDEN", "FORBIDDEN", "ok", "ok"));
        actions.put("ticket:stats", s -> s.call("ticket:stats", json()));
        expected.put("ticket:stats", List.of("FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok"));
        actions.put("update_support_chat_status", s -> s.call("update_support_chat_status", json("chatId", chat,
                "priority", "low")));
        expected.put("update_support_chat_status", List.of("FORBIDDEN", "CONVERSATION_NOT_FOUND", "ok", "ok"));
        actions.put("assign_support_chat", s -> s.call("assign_support_chat", json("chatId", chat, "adminId", agent.id())));
        expected.put("assign_support_chat", List.of("FORBIDDEN", "FORBIDDEN", "ok", "ok"));
        actions.put("join_support_chat", s -> s.call("join_support_chat", json("chatId", chat)));
        expected.put("join_support_chat", List.of("ok", "CONVERSATION_NOT_FOUND", "ok", "ok"));
        actions.put("chat:get_messages", s -> s.call("chat:get_messages", json("conversationId", chat)));
        // the admin joined the chat through join_support_chat just before, so takes part now
        expected.put("chat:get_messages", List.of("ok", "NOT_PARTICIPANT", "ok", "ok"));
        actions.put("ticket:update closed", s -> s.call("ticket:update", json("conversationId", chat, "status", "closed")));
        expected.put("ticket:update closed", List.of("ok", "CONVERSATION_NOT_FOUND", "ok", "ok"));
        actions.put("ticket:update in_progress", s -> s.call("ticket:update", json("conversationId", chat,
                "status", "in_progress")));
        expected.put("ticket:update in_progress", List.of("FORBIDDEN", "CONVERSATION_NOT_FOUND", "INVALID_TRANSITION",
                "INVALID_TRANSITION"));
        actions.put("ticket:assign when closed", s -> s.call("ticket:assign", json("conversationId", chat)));
        expected.put("ticket:assign when closed", List.of("FORBIDDEN", "FORBIDDEN", "INVALID_TRANSITION",
                "INVALID_TRANSITION"));

        List<String> mismatches = new ArrayList<>();
        String[] order = {"owner", "stranger", "agent", "admin"};
        actions.forEach((action, call) -> {
            for (int i = 0; i < order.length; i++) {
                JSONObject reply = call.apply(as.get(order[i]));
                String outcome = reply.optBoolean("ok") ? "ok" : reply.optJSONObject("error").optString("code");
                if (!outcome.equals(expected.get(action).get(i))) {
                    mismatches.add(action + " by " + order[i] + ": " + outcome + ", expected " + expected.get(action).get(i));
                }
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyRestRouteOfSeed003AnswersEachRoleAsDocumented() {
        record Route(String method, String path, Object body) {}
        List<Route> routes = List.of(
                new Route("GET", "/api/v1/chats/" + chat + "/messages", null),
                new Route("POST", "/api/v1/chats/" + chat + "/read", body()),
                new Route("PUT", "/api/v1/chats/" + chat + "/status", body("priority", "urgent")),
                new Route("POST", "/api/v1/chats/" + chat + "/assign", body("adminId", agent.id())),
                new Route("GET", "/api/v1/chats/admin/all", null),
                new Route("GET", "/api/v1/chats/admin/stats", null),
                new Route("POST", "/api/v1/chats/" + chat + "/messages", body("content", "hello")));
        List<List<Integer>> expected = List.of(
                List.of(200, 404, 200, 200), List.of(200, 404, 200, 200), List.of(403, 404, 200, 200),
                List.of(403, 403, 200, 200), List.of(403, 403, 200, 200), List.of(403, 403, 403, 200),
                List.of(201, 404, 201, 201));
        TestServer.TestUser[] people = {owner, stranger, agent, admin};
        List<String> mismatches = new ArrayList<>();
        for (int r = 0; r < routes.size(); r++) {
            for (int p = 0; p < people.length; p++) {
                Route route = routes.get(r);
                int status = rest.send(route.method(), route.path(), people[p].token(), route.body(), Map.of()).status();
                if (status != expected.get(r).get(p)) {
                    mismatches.add(route.method() + " " + route.path() + " by " + people[p].name() + ": " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void aNoteReachesTheCustomerByNoPathWhatsoever() throws Exception {
        SocketClient nativeTab = connect(owner);
        nativeTab.ok("chat:get_unread_count", json());
        SocketClient seed003Tab = connect(owner);
        seed003Tab.ok("join_support_chat", json("chatId", chat));
        SocketClient seed004Tab = connect(owner);
        seed004Tab.ok("authenticate", json("token", owner.token()));
        SocketClient silentTab = connect(owner);
        SocketClient staff = connect(agent);

        JSONObject note = staff.ok("chat:send_message", json("conversationId", chat, "message", SECRET, "internal", true));
        staff.ok("chat:edit_message", json("conversationId", chat, "messageId", note.getString("id"), "text", SECRET + "!"));
        staff.ok("send_support_message", json("chatId", chat, "content", SECRET + "-003", "isInternalNote", true));
        staff.ok("ticket:update", json("conversationId", chat, "priority", "high"));
        staff.ok("chat:send_message", json("conversationId", chat, "message", "visible reply"));

        // news arrives in order per connection: the first message news each tab gets is the visible one
        assertThat(nativeTab.nextObject("chat:new_message").getString("text")).isEqualTo("visible reply");
        assertThat(seed003Tab.nextObject("new_support_message").getString("content")).isEqualTo("visible reply");
        assertThat(seed003Tab.nextObject("admin_reply_notification").getJSONObject("message").getString("content"))
                .isEqualTo("visible reply");
        assertThat(seed004Tab.nextObject("receive-message").getString("message")).isEqualTo("visible reply");
        assertThat(silentTab.nextObject("chat:new_message").getString("text")).isEqualTo("visible reply");
        JSONObject ticketNews = nativeTab.nextObject("ticket:updated").getJSONObject("ticket");
        assertThat(ticketNews.toString()).doesNotContain(SECRET);
        for (SocketClient tab : List.of(nativeTab, seed003Tab, seed004Tab, silentTab)) {
            assertThat(tab.drain("chat:message_updated")).isEmpty();
        }

        String[] reads = {
            nativeTab.ok("chat:get_messages", json("conversationId", chat)).toString(),
            nativeTab.ok("chat:get_messages", json("conversationId", chat, "afterSeq", 0)).toString(),
            nativeTab.ok("chat:get_conversations", json()).toString(),
            nativeTab.ok("ticket:get", json("conversationId", chat)).toString(),
            nativeTab.ok("ticket:list", json()).toString(),
            nativeTab.ok("ticket:list", json("q", SECRET)).toString(),
            seed003Tab.ok("join_support_chat", json("chatId", chat)).toString(),
            rest.get("/api/chat/conversations/" + chat + "/messages", owner.token()).raw(),
            rest.get("/api/chat/conversations", owner.token()).raw(),
            rest.get("/api/v1/chats/" + chat + "/messages", owner.token()).raw(),
            rest.get("/api/v1/chats/support", owner.token()).raw(),
        };
        for (String read : reads) assertThat(read).doesNotContain(SECRET);
        assertThat(nativeTab.ok("ticket:list", json("q", SECRET)).getJSONArray("tickets").length()).isZero();
        assertThat(staff.ok("ticket:list", json("q", SECRET)).getJSONArray("tickets").length()).isEqualTo(1);
        assertThat(nativeTab.ok("chat:get_unread_count", json()).getJSONObject("conversations").getLong(chat))
                .isEqualTo(1);
        assertThat(rest.get("/api/chat/unread-count", owner.token()).json().get("total").asLong()).isEqualTo(1);
        assertThat(rest.get("/api/v1/chats/support", owner.token()).json().get("data").get("unreadByUser").asLong())
                .isEqualTo(1);
        assertThat(rest.get("/api/v1/chats/admin/stats", owner.token()).status()).isEqualTo(403);
        assertThat(nativeTab.failure("chat:delete_message", json("conversationId", chat, "messageId", note.getString("id")))
                .getString("code")).isEqualTo("MESSAGE_NOT_FOUND");
    }
}
