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
import dev.switchboard.testing.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The Promises: acknowledged messages are durable, retries create nothing, missed messages are caught up once, in order. */
class DurabilityTest extends CustomerAndAgentTest {
    static final int RACES = 10;

    @Test
    void aRetriedNativeSendWithTheSameClientMessageIdStoresAndDeliversOnce() throws Exception {
        String id = conversationWith(c, agent.id());
        JSONObject payload = json("conversationId", id, "message", "refund please", "clientMessageId", "retry-1");

        JSONObject first = c.ok("chat:send_message", payload);
        JSONObject retry = c.ok("chat:send_message", payload);

        assertThat(retry.getString("id")).isEqualTo(first.getString("id"));
        assertThat(retry.getLong("seq")).isEqualTo(first.getLong("seq"));
        assertThat(a.nextObject("chat:new_message").getString("id")).isEqualTo(first.getString("id"));
        a.expectNone("chat:new_message", QUIET_MILLIS);
        c.nextObject("chat:new_message");
        c.expectNone("chat:new_message", 0);
        assertThat(texts(messages(a, id))).containsExactly("refund please");
    }

    @Test
    void aRetriedSeed004SendWithTheSameClientMessageIdStoresAndDeliversOnce() throws Exception {
        JSONObject payload = json("receiverId", agent.id(), "message", "refund please", "clientMessageId", "retry-2");

        JSONObject first = c.ok("send-message", payload);
        JSONObject retry = c.ok("send-message", payload);

        assertThat(retry.getString("_id")).isEqualTo(first.getString("_id"));
        assertThat(retry.getLong("seq")).isEqualTo(first.getLong("seq"));
        assertThat(a.nextObject("receive-message").getString("_id")).isEqualTo(first.getString("_id"));
        a.expectNone("receive-message", QUIET_MILLIS);
        assertThat(seqs(messages(a, first.getString("conversationId")))).containsExactly(1L);
    }

    @Test
    void retriesRacingFromTwoTabsStoreEachMessageOnce() throws Exception {
        String id = conversationWith(c, agent.id());
        try (SocketClient tab2 = SocketClient.connect(server.url(), customer.token(), "polling")) {
            for (int i = 1; i <= RACES; i++) {
                JSONObject payload = json("conversationId", id, "message", "m" + i, "clientMessageId", "race-" + i);
                CompletableFuture<JSONObject> one = CompletableFuture.supplyAsync(() -> c.call("chat:send_message", payload));
                CompletableFuture<JSONObject> two = CompletableFuture.supplyAsync(() -> tab2.call("chat:send_message", payload));

                JSONObject first = one.get(10, TimeUnit.SECONDS);
                JSONObject second = two.get(10, TimeUnit.SECONDS);
                assertThat(first.getBoolean("ok")).as("%s", first).isTrue();
                assertThat(second.getBoolean("ok")).as("%s", second).isTrue();
                assertThat(second.getJSONObject("data").getString("id")).isEqualTo(first.getJSONObject("data").getString("id"));
            }
        }
        JSONObject history = messages(a, id, "limit", 100);
        assertThat(E2e.seqs(history)).hasSize(RACES).doesNotHaveDuplicates();
        assertThat(texts(history)).doesNotHaveDuplicates();
    }

    @Test
    void aClientMessageIdIsTheSendersOwnSoTheOtherSideMayUseTheSameOne() throws Exception {
        String id = conversationWith(c, agent.id());
        c.ok("chat:send_message", json("conversationId", id, "message", "question", "clientMessageId", "k-1"));

        JSONObject answer = a.ok("chat:send_message", json("conversationId", id, "message", "answer", "clientMessageId", "k-1"));

        assertThat(answer.getLong("seq")).isEqualTo(2);
        assertThat(texts(messages(c, id))).containsExactly("question", "answer");
    }

    @Test
    void aReconnectingClientCatchesUpOnExactlyWhatItMissedInOrder() throws Exception {
        String id = conversationWith(c, agent.id());
        send(a, id, "one");
        send(a, id, "two");
        c.nextObject("chat:new_message");
        long seen = c.nextObject("chat:new_message").getLong("seq");
        c.close();

        send(a, id, "three");
        send(a, id, "four");
        send(a, id, "five");

        try (SocketClient back = SocketClient.connect(server.url(), customer.token(), "polling")) {
            JSONObject missed = messages(back, id, "afterSeq", seen);
            assertThat(seqs(missed)).containsExactly(seen + 1, seen + 2, seen + 3);
            assertThat(texts(missed)).containsExactly("three", "four", "five");
            assertThat(missed.getBoolean("hasMore")).isFalse();
            assertThat(E2e.summary(back, id).getLong("unreadCount")).isEqualTo(5);

            JSONObject firstPage = messages(back, id, "afterSeq", seen, "limit", 2);
            assertThat(texts(firstPage)).containsExactly("three", "four");
            assertThat(firstPage.getBoolean("hasMore")).isTrue();
            assertThat(texts(messages(back, id, "afterSeq", seen + 2, "limit", 2))).containsExactly("five");
        }
    }

    @Test
    void acknowledgedMessagesSurviveAServerRestart() throws Exception {
        TestServer first = TestServer.start();
        Path data = first.dataDir();
        String id;
        JSONObject stored;
        try (SocketClient cc = SocketClient.connect(first.url(), customer.token(), "websocket");
                SocketClient ac = SocketClient.connect(first.url(), agent.token(), "websocket")) {
            id = conversationWith(cc, agent.id());
            send(cc, id, "before the restart");
            stored = send(ac, id, "acknowledged, so durable");
        }
        first.stop();

        try (TestServer again = TestServer.startOn(data);
                SocketClient cc = SocketClient.connect(again.url(), customer.token(), "websocket")) {
            JSONObject page = messages(cc, id);
            assertThat(texts(page)).containsExactly("before the restart", "acknowledged, so durable");
            assertThat(E2e.objects(page.getJSONArray("messages")).get(1).getString("id")).isEqualTo(stored.getString("id"));
            assertThat(E2e.summary(cc, id).getLong("unreadCount")).isEqualTo(1);
            assertThat(send(cc, id, "after the restart").getLong("seq")).isEqualTo(3);
        } finally {
            TestServer.deleteRecursively(data);
        }
    }

    @Test
    void aUserStillConnectedWhenTheServerStopsIsLastSeenThenAfterTheRestart() throws Exception {
        TestServer first = TestServer.start();
        Path data = first.dataDir();
        Instant beforeStop;
        try (SocketClient cc = SocketClient.connect(first.url(), customer.token(), "websocket")) {
            SocketClient.connect(first.url(), agent.token(), "websocket"); // stays open until the server stops
            conversationWith(cc, agent.id());
            beforeStop = Instant.now().minusSeconds(1);
        }
        first.stop();

        try (TestServer again = TestServer.startOn(data);
                SocketClient cc = SocketClient.connect(again.url(), customer.token(), "websocket")) {
            JSONObject status = cc.ok("chat:get_user_status", json("userId", agent.id()));
            assertThat(status.getBoolean("online")).isFalse();
            assertThat(status.isNull("lastSeenAt")).as("last seen of %s", status).isFalse();
            assertThat(Instant.parse(status.getString("lastSeenAt"))).isAfter(beforeStop);
        } finally {
            TestServer.deleteRecursively(data);
        }
    }
}
