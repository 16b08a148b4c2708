package dev.switchboard.e2e;

import static dev.switchboard.testing.RestClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import dev.switchboard.testing.TestServer.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 001's REST API under {@code /api/chat} between a customer and an agent, against a real server. */
class ChatRestTest {
    static TestServer server;
    static RestClient rest;

    TestUser customer;
    TestUser agent;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rest = new RestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void twoUsers() {
        customer = known(server.user("Cora", "customer"));
        agent = known(server.user("Abe", "agent"));
    }

    /** A host-minted user becomes known to the server on first use of their token. */
    static TestUser known(TestUser user) {
        assertThat(rest.get("/api/auth/me", user.token()).status()).isEqualTo(200);
        return user;
    }

    static String conversationBetween(TestUser me, TestUser other) {
        RestClient.Response created = rest.post("/api/chat/conversations", me.token(), body("participantId", other.id()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.text("id");
    }

    static RestClient.Response send(TestUser from, String conversationId, String text, Map<String, String> headers) {
        return rest.send("POST", "/api/chat/conversations/" + conversationId + "/messages", from.token(),
                body("message", text), headers);
    }

    static JsonNode history(TestUser who, String conversationId, String query) {
        RestClient.Response page = rest.get("/api/chat/conversations/" + conversationId + "/messages" + query, who.token());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json();
    }

    static List<Long> seqs(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.path("messages").forEach(m -> out.add(m.path("seq").asLong()));
        return out;
    }

    static long unreadTotal(TestUser who) {
        RestClient.Response unread = rest.get("/api/chat/unread-count", who.token());
        assertThat(unread.status()).as(unread.toString()).isEqualTo(200);
        return unread.json().path("total").asLong(-1);
    }

    static RestClient.Response statusUntilOnline(TestUser subject, TestUser asker) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(SocketClient.TIMEOUT_SECONDS);
        while (true) {
            RestClient.Response status = rest.get("/api/chat/users/" + subject.id() + "/status", asker.token());
            if (status.status() != 200 || status.json().path("online").asBoolean() || System.nanoTime() > deadline) {
                return status;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
    }

    @Test
    void getOrCreateGivesBothSidesTheSameSupportConversation() {
        RestClient.Response created = rest.post("/api/chat/conversations", customer.token(), body("participantId", agent.id()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.text("type")).isEqualTo("customer_support");
        assertThat(created.json().path("participants").toString()).contains(customer.id(), agent.id());

        assertThat(conversationBetween(customer, agent)).isEqualTo(created.text("id"));
        assertThat(conversationBetween(agent, customer)).isEqualTo(created.text("id"));

        RestClient.Response list = rest.get("/api/chat/conversations", agent.token());
        assertThat(list.status()).isEqualTo(200);
        JsonNode conversations = list.json().path("conversations");
        assertThat(conversations).hasSize(1);
        assertThat(conversations.get(0).path("id").asText()).isEqualTo(created.text("id"));
        assertThat(conversations.get(0).path("others").get(0).path("name").asText()).isEqualTo("Cora");
    }

    @Test
    void restSendIsDeliveredLiveInBothDialectsToTheOtherUsersSocket() throws Exception {
        String id = conversationBetween(customer, agent);
        try (SocketClient agentSocket = SocketClient.connect(server.url(), agent.token(), "websocket");
                SocketClient customerTab = SocketClient.connect(server.url(), customer.token(), "polling")) {
            RestClient.Response sent = send(customer, id, "sent over REST", Map.of());
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            assertThat(sent.json().path("seq").asLong()).isEqualTo(1);
            assertThat(sent.text("senderId")).isEqualTo(customer.id());

            JSONObject live = agentSocket.nextObject("chat:new_message");
            assertThat(live.getString("id")).isEqualTo(sent.text("id"));
            assertThat(live.getString("message")).isEqualTo("sent over REST");
            assertThat(live.getString("conversationId")).isEqualTo(id);
            JSONObject legacy = agentSocket.nextObject("receive-message");
            assertThat(legacy.getString("senderId")).isEqualTo(customer.id());
            assertThat(legacy.getString("receiverId")).isEqualTo(agent.id());
            assertThat(legacy.getString("message")).isEqualTo("sent over REST");
            // the sender's own open tab learns of it too, but not as an incoming direct message
            assertThat(customerTab.nextObject("chat:new_message").getString("id")).isEqualTo(sent.text("id"));
            customerTab.expectNone("receive-message", 300);
        }
    }

    @Test
    void retryWithTheSameIdempotencyKeyStoresOneMessage() {
        String id = conversationBetween(customer, agent);
        try (SocketClient agentSocket = SocketClient.connect(server.url(), agent.token(), "websocket")) {
            RestClient.Response first = send(customer, id, "only once", Map.of("Idempotency-Key", "key-1"));
            RestClient.Response retry = send(customer, id, "only once", Map.of("Idempotency-Key", "key-1"));
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
            assertThat(retry.text("id")).isEqualTo(first.text("id"));
            assertThat(retry.text("clientMessageId")).isEqualTo("key-1");

            agentSocket.nextObject("chat:new_message");
            agentSocket.expectNone("chat:new_message", 500); // the retry is not announced again
        }
        assertThat(seqs(history(agent, id, ""))).containsExactly(1L);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyStoreOneMessage() throws Exception {
        String id = conversationBetween(customer, agent);
        List<java.util.concurrent.Callable<RestClient.Response>> retries = java.util.Collections.nCopies(6,
                () -> send(customer, id, "stormy", Map.of("Idempotency-Key", "storm")));
        List<RestClient.Response> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            for (var future : pool.invokeAll(retries, 30, java.util.concurrent.TimeUnit.SECONDS)) answers.add(future.get());
        }
        assertThat(answers).extracting(RestClient.Response::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(answers).extracting(r -> r.text("id")).containsOnly(answers.get(0).text("id"));
        assertThat(seqs(history(agent, id, ""))).containsExactly(1L);
    }

    @Test
    void clientMessageIdInTheBodyIsAnIdempotencyKeyToo() {
        String id = conversationBetween(customer, agent);
        String path = "/api/chat/conversations/" + id + "/messages";
        RestClient.Response first = rest.post(path, customer.token(), body("text", "hi", "clientMessageId", "c-1"));
        RestClient.Response retry = rest.post(path, customer.token(), body("text", "hi", "clientMessageId", "c-1"));
        RestClient.Response other = rest.post(path, customer.token(), body("text", "hi", "clientMessageId", "c-2"));
        assertThat(List.of(first.status(), retry.status(), other.status())).containsExactly(201, 200, 201);
        assertThat(retry.text("id")).isEqualTo(first.text("id"));
        assertThat(seqs(history(customer, id, ""))).containsExactly(1L, 2L);
    }

    @Test
    void unreadCountsFollowMessagesAndReadReceipts() throws Exception {
        String id = conversationBetween(customer, agent);
        for (int i = 1; i <= 3; i++) assertThat(send(customer, id, "m" + i, Map.of()).status()).isEqualTo(201);

        RestClient.Response unread = rest.get("/api/chat/unread-count", agent.token());
        assertThat(unread.json().path("total").asLong()).isEqualTo(3);
        assertThat(unread.json().path("conversations").path(id).asLong()).isEqualTo(3);
        assertThat(unreadTotal(customer)).isZero(); // one's own messages are never unread

        try (SocketClient customerSocket = SocketClient.connect(server.url(), customer.token(), "websocket")) {
            RestClient.Response partly = rest.post("/api/chat/conversations/" + id + "/read", agent.token(), body("upToSeq", 1));
            assertThat(partly.status()).as(partly.toString()).isEqualTo(200);
            assertThat(partly.json().path("lastReadSeq").asLong()).isEqualTo(1);
            assertThat(unreadTotal(agent)).isEqualTo(2);
            JSONObject receipt = customerSocket.nextObject("chat:messages_read");
            assertThat(receipt.getString("userId")).isEqualTo(agent.id());
            assertThat(receipt.getLong("lastReadSeq")).isEqualTo(1);

            RestClient.Response all = rest.post("/api/chat/conversations/" + id + "/read", agent.token(), null);
            assertThat(all.status()).as(all.toString()).isEqualTo(200);
            assertThat(all.json().path("lastReadSeq").asLong()).isEqualTo(3);
            assertThat(unreadTotal(agent)).isZero();
            assertThat(customerSocket.nextObject("chat:messages_read").getLong("lastReadSeq")).isEqualTo(3);
        }
    }

    @Test
    void readingBeyondTheLastMessageDoesNotSwallowLaterOnes() {
        String id = conversationBetween(customer, agent);
        send(customer, id, "first", Map.of());
        RestClient.Response read = rest.post("/api/chat/conversations/" + id + "/read", agent.token(), body("upToSeq", 100));
        assertThat(read.json().path("lastReadSeq").asLong()).as(read.toString()).isEqualTo(1);
        send(customer, id, "second", Map.of());
        assertThat(unreadTotal(agent)).isEqualTo(1);
    }

    @Test
    void conversationListPagesWithAnOpaqueCursor() {
        TestUser second = known(server.user("Ada", "agent"));
        String older = conversationBetween(customer, agent);
        String newer = conversationBetween(customer, second);
        send(customer, newer, "latest activity", Map.of());

        RestClient.Response first = rest.get("/api/chat/conversations?limit=1", customer.token());
        assertThat(first.json().path("conversations").get(0).path("id").asText()).isEqualTo(newer);
        String cursor = first.text("nextCursor");
        assertThat(cursor).isNotBlank();
        RestClient.Response next = rest.get("/api/chat/conversations?limit=1&cursor=" + cursor, customer.token());
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().path("conversations").get(0).path("id").asText()).isEqualTo(older);
        assertThat(next.json().path("nextCursor").isMissingNode() || next.json().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void historyPagesBackwardsAndCatchesUpForwards() {
        String id = conversationBetween(customer, agent);
        for (int i = 1; i <= 5; i++) send(i % 2 == 0 ? agent : customer, id, "m" + i, Map.of());

        JsonNode latest = history(customer, id, "?limit=2");
        assertThat(seqs(latest)).containsExactly(4L, 5L);
        assertThat(latest.path("hasMore").asBoolean()).isTrue();
        JsonNode older = history(customer, id, "?limit=2&beforeSeq=4");
        assertThat(seqs(older)).containsExactly(2L, 3L);
        JsonNode oldest = history(customer, id, "?limit=2&beforeSeq=2");
        assertThat(seqs(oldest)).containsExactly(1L);
        assertThat(oldest.path("hasMore").asBoolean()).isFalse();
        assertThat(seqs(history(agent, id, "?afterSeq=3"))).containsExactly(4L, 5L);
        assertThat(history(agent, id, "").path("messages").get(1).path("senderId").asText()).isEqualTo(agent.id());
    }

    @Test
    void userStatusIsVisibleToContactsAndStaffButNotToUnrelatedCustomers() {
        TestUser stranger = known(server.user("Stan", "customer"));
        conversationBetween(customer, agent);
        try (SocketClient agentSocket = SocketClient.connect(server.url(), agent.token(), "websocket")) {
            // presence is recorded just after the handshake, off the event loop: poll, bounded
            RestClient.Response agentStatus = statusUntilOnline(agent, customer);
            assertThat(agentStatus.status()).as(agentStatus.toString()).isEqualTo(200);
            assertThat(agentStatus.text("userId")).isEqualTo(agent.id());
            assertThat(agentStatus.json().path("online").asBoolean()).isTrue();
        }
        RestClient.Response customerStatus = rest.get("/api/chat/users/" + customer.id() + "/status", agent.token());
        assertThat(customerStatus.status()).isEqualTo(200);
        assertThat(customerStatus.json().path("online").asBoolean()).isFalse();

        RestClient.Response forbidden = rest.get("/api/chat/users/" + customer.id() + "/status", stranger.token());
        assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("FORBIDDEN");

        RestClient.Response unknown = rest.get("/api/chat/users/no-such-user/status", agent.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("USER_NOT_FOUND");

        // a customer cannot use the endpoint to learn which ids exist: unknown looks like unrelated
        RestClient.Response probe = rest.get("/api/chat/users/no-such-user/status", stranger.token());
        assertThat(probe.status()).isEqualTo(403);
        assertThat(probe.raw()).isEqualTo(forbidden.raw());
    }
}
