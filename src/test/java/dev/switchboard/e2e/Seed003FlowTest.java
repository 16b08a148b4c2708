package dev.switchboard.e2e;

import static dev.switchboard.testing.RestClient.body;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 003's documented flows: the widget's REST calls and socket events, the admin dashboard's. */
class Seed003FlowTest extends CustomerAndAgentTest {
    RestClient rest;
    String chat;

    @BeforeEach
    void customerStartsAChatOverRest() throws Exception {
        rest = new RestClient(server.url());
        RestClient.Response created = rest.post("/api/v1/chats/support", customer.token(),
                body("subject", "Login fails", "message", "I cannot log in"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("success").asBoolean()).isTrue();
        chat = created.json().get("data").get("_id").asText();
        // both sides now speak seed 003 only: one copy of each piece of news, in its words
        c.ok("join_support_chat", json("chatId", chat));
        a.ok("join_support_chat", chat);
    }

    @Test
    void theCustomersChatHasSeed003sShapeAndIsFoundAgain() throws Exception {
        RestClient.Response mine = rest.get("/api/v1/chats/support", customer.token());

        JSONObject data = new JSONObject(mine.json().get("data").toString());
        assertThat(data.getString("_id")).isEqualTo(chat);
        assertThat(data.getString("status")).isEqualTo("open");
        assertThat(data.getString("subject")).isEqualTo("Login fails");
        assertThat(data.getString("priority")).isEqualTo("medium");
        assertThat(data.getJSONObject("user").getString("_id")).isEqualTo(customer.id());
        assertThat(data.isNull("admin")).isTrue();
        assertThat(data.getJSONObject("lastMessage").getString("content")).isEqualTo("I cannot log in");
        assertThat(data.getLong("unreadByAdmin")).isEqualTo(1);
    }

    @Test
    void anAdminReplyReachesTheCustomerAsNewSupportMessageAndNotificationAndAssignsTheChat() throws Exception {
        JSONObject sent = a.ok("send_support_message", json("chatId", chat, "content", "Try resetting"));

        assertThat(sent.getString("content")).isEqualTo("Try resetting");
        assertThat(sent.getBoolean("isInternalNote")).isFalse();
        assertThat(sent.getString("messageType")).isEqualTo("text");
        assertThat(c.nextObject("new_support_message").getString("content")).isEqualTo("Try resetting");
        JSONObject notification = c.nextObject("admin_reply_notification");
        assertThat(notification.getString("chatId")).isEqualTo(chat);
        assertThat(notification.getJSONObject("message").getString("_id")).isEqualTo(sent.getString("_id"));
        JSONObject assigned = c.nextObject("support_chat_assigned");
        assertThat(assigned.getJSONObject("admin").getString("_id")).isEqualTo(agent.id());
        c.expectNone("chat:new_message", E2e.QUIET_MILLIS);
    }

    @Test
    void aCustomerMessageNotifiesStaffAndAnInternalNoteNeverReachesTheCustomer() throws Exception {
        c.ok("send_support_message", json("chatId", chat, "content", "Still broken"));
        JSONObject notification = a.nextObject("new_user_message_notification");
        assertThat(notification.getJSONObject("message").getString("content")).isEqualTo("Still broken");

        a.ok("send_support_message", json("chatId", chat, "content", "he typed the wrong password", "isInternalNote", true));
        a.ok("send_support_message", json("chatId", chat, "content", "Check caps lock"));

        assertThat(c.nextObject("new_support_message").getString("content")).isEqualTo("Still broken");
        assertThat(c.nextObject("new_support_message").getString("content")).isEqualTo("Check caps lock");
        RestClient.Response history = rest.get("/api/v1/chats/" + chat + "/messages", customer.token());
        assertThat(history.raw()).doesNotContain("wrong password").contains("Check caps lock");
        RestClient.Response staffHistory = rest.get("/api/v1/chats/" + chat + "/messages", agent.token());
        assertThat(staffHistory.raw()).contains("wrong password");
    }

    @Test
    void staffHearSeed003sNotificationWhileSilentOrOnceTheySpokeItButNotWhenTheySpokeOnlyNative() throws Exception {
        try (SocketClient silent = SocketClient.connect(server.url(), agent.token(), "websocket");
                SocketClient nativeOnly = SocketClient.connect(server.url(), agent.token(), "websocket");
                SocketClient nativeThenSeed003 = SocketClient.connect(server.url(), agent.token(), "websocket")) {
            nativeOnly.ok("agent:list", json());
            nativeThenSeed003.ok("agent:list", json());
            nativeThenSeed003.ok("join_support_chat", chat);

            c.ok("send_support_message", json("chatId", chat, "content", "Anyone?"));

            for (SocketClient staff : List.of(a, silent, nativeThenSeed003)) {
                assertThat(staff.nextObject("new_user_message_notification").getJSONObject("message").getString("content"))
                        .isEqualTo("Anyone?");
            }
            nativeOnly.expectNone("new_user_message_notification", E2e.QUIET_MILLIS);
        }
    }

    @Test
    void aDirectMessageBetweenTheSameCustomerAndAgentIsNoSupportMessage() throws Exception {
        c.ok("send-message", json("receiverId", agent.id(), "message", "a direct word"));
        c.ok("send_support_message", json("chatId", chat, "content", "Still broken"));

        // the first notification and copy staff get are the support chat's message, not the direct one
        assertThat(a.nextObject("new_user_message_notification").getJSONObject("message").getString("content"))
                .isEqualTo("Still broken");
        assertThat(a.nextObject("new_support_message").getString("content")).isEqualTo("Still broken");
        assertThat(c.nextObject("new_support_message").getString("content")).isEqualTo("Still broken");
    }

    @Test
    void statusAndPriorityChangesReachTheCustomerInSeed003sSpelling() throws Exception {
        JSONObject chatView = a.ok("update_support_chat_status", json("chatId", chat, "status", "in-progress",
                "priority", "high"));

        assertThat(chatView.getString("status")).isEqualTo("in-progress");
        JSONObject updated = c.nextObject("support_chat_status_updated");
        assertThat(updated.getString("status")).isEqualTo("in-progress");
        assertThat(updated.getString("priority")).isEqualTo("high");
        RestClient.Response put = rest.send("PUT", "/api/v1/chats/" + chat + "/status", agent.token(),
                body("status", "resolved"), Map.of());
        assertThat(put.json().get("data").get("status").asText()).isEqualTo("resolved");
        assertThat(c.nextObject("support_chat_status_updated").getString("status")).isEqualTo("resolved");
    }

    @Test
    void typingAndReadReceiptsUseSeed003sEvents() throws Exception {
        c.ok("support_typing_start", json("chatId", chat));
        JSONObject typing = a.nextObject("user_typing_support");
        assertThat(typing.getString("userId")).isEqualTo(customer.id());
        assertThat(typing.getBoolean("isTyping")).isTrue();
        c.ok("support_typing_stop", json("chatId", chat));
        assertThat(a.nextObject("user_typing_support").getBoolean("isTyping")).isFalse();

        JSONObject read = a.ok("mark_support_messages_read", json("chatId", chat));
        assertThat(read.getLong("lastReadSeq")).isEqualTo(1);
        assertThat(c.nextObject("support_messages_read").getString("userId")).isEqualTo(agent.id());
        RestClient.Response mine = rest.get("/api/v1/chats/support", customer.token());
        assertThat(mine.json().get("data").get("unreadByAdmin").asLong()).isZero();
    }

    @Test
    void adminEndpointsAreForStaffAndTheListFiltersAndAssigns() throws Exception {
        RestClient.Response asCustomer = rest.get("/api/v1/chats/admin/all", customer.token());
        assertThat(asCustomer.status()).isEqualTo(403);
        assertThat(asCustomer.code()).isEqualTo("FORBIDDEN");

        RestClient.Response assign = rest.post("/api/v1/chats/" + chat + "/assign", agent.token(), body());
        assertThat(assign.json().get("data").get("admin").get("_id").asText()).isEqualTo(agent.id());
        RestClient.Response list = rest.get("/api/v1/chats/admin/all?status=in-progress&assignee=me", agent.token());
        assertThat(list.json().get("data").get("chats").get(0).get("_id").asText()).isEqualTo(chat);
        RestClient.Response byCustomer = rest.send("PUT", "/api/v1/chats/" + chat + "/status", customer.token(),
                body("priority", "urgent"), Map.of());
        assertThat(byCustomer.status()).isEqualTo(403);
    }

    @Test
    void anotherCustomerCannotReachTheChatByAnyRoute() throws Exception {
        TestServer.TestUser other = server.user("Olga", "customer");
        assertThat(rest.get("/api/v1/chats/" + chat + "/messages", other.token()).code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(rest.post("/api/v1/chats/" + chat + "/messages", other.token(), body("content", "hi")).code())
                .isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(rest.post("/api/v1/chats/" + chat + "/read", other.token(), body()).code())
                .isEqualTo("CONVERSATION_NOT_FOUND");
        try (SocketClient o = SocketClient.connect(server.url(), other.token(), "websocket")) {
            assertThat(o.failure("join_support_chat", json("chatId", chat)).getString("code"))
                    .isEqualTo("CONVERSATION_NOT_FOUND");
            assertThat(o.failure("send_support_message", json("chatId", chat, "content", "x")).getString("code"))
                    .isEqualTo("CONVERSATION_NOT_FOUND");
        }
    }

    @Test
    void restSendIsAnnouncedLikeASocketSendAndMalformedInputIsRefused() throws Exception {
        RestClient.Response sent = rest.post("/api/v1/chats/" + chat + "/messages", customer.token(),
                body("content", "via REST"));
        assertThat(sent.status()).isEqualTo(201);
        assertThat(a.nextObject("new_user_message_notification").getJSONObject("message").getString("content"))
                .isEqualTo("via REST");
        assertThat(rest.post("/api/v1/chats/" + chat + "/messages", customer.token(), body("content", "")).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(rest.post("/api/v1/chats/" + chat + "/messages", customer.token(),
                body("content", "x", "messageType", "video")).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(c.failure("send_support_message", json("chatId", chat)).getString("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(c.failure("update_support_chat_status", json("chatId", chat, "status", "in-progress"))
                .getString("code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void statisticsAreForAdminsInTheEnvelope() throws Exception {
        TestServer.TestUser admin = server.user("Ada", "admin");
        RestClient.Response stats = rest.get("/api/v1/chats/admin/stats", admin.token());

        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().get("success").asBoolean()).isTrue();
        assertThat(stats.json().get("data").get("totals").get("chats").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(rest.get("/api/v1/chats/admin/stats", agent.token()).status()).isEqualTo(403);
    }
}
