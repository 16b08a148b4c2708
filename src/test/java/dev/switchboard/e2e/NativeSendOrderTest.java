package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.QUIET_MILLIS;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import io.socket.client.Ack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Native {@code chat:send_message} in a direct conversation: most sends are answered on the event loop,
 * the first one (participants not yet remembered) and any that are not plain text for everyone on a
 * virtual thread; a connection's answers and deliveries keep the order it sent them in.
 */
class NativeSendOrderTest extends ServerPerClassTest {
    @Test
    void sendsWithoutWaitingAreAnsweredAndDeliveredInSendOrderWhetherOrNotTheyMustWait() throws Exception {
        TestServer.TestUser user = server.user("Uma", "user");
        TestServer.TestUser admin = server.user("Ada", "admin");
        try (SocketClient u = SocketClient.connect(server.url(), user.token(), "websocket");
                SocketClient ad = SocketClient.connect(server.url(), admin.token(), "websocket")) {
            String id = E2e.conversationWith(u, admin.id());
            ad.ok("chat:get_conversations", json()); // the admin's connection speaks the native dialect
            // every seventh is an internal note, which a customer may not write (refused on a virtual
            // thread); one retries the key just before it
            List<String> expected = new ArrayList<>();
            List<String> answered = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(35);
            for (int i = 1; i <= 35; i++) {
                boolean note = i % 7 == 0;
                String key = i == 10 ? "key-9" : "key-" + i;
                JSONObject payload = json("conversationId", id, "message", "m" + (i == 10 ? 9 : i), "clientMessageId", key);
                if (note) payload.put("internal", true);
                expected.add(note ? "FORBIDDEN" : key);
                u.raw().emit("chat:send_message", payload, (Ack) reply -> {
                    JSONObject answer = (JSONObject) reply[0];
                    answered.add(answer.optBoolean("ok") ? answer.optJSONObject("data").optString("clientMessageId")
                            : answer.optJSONObject("error").optString("code"));
                    all.countDown();
                });
            }

            assertThat(all.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(answered).as("answers in send order").containsExactlyElementsOf(expected);
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 29; i++) seqs.add(ad.nextObject("chat:new_message").getLong("seq")); // 30 stored, one a retry
            assertThat(seqs).isEqualTo(LongStream.rangeClosed(1, 29).boxed().toList());
            ad.expectNone("chat:new_message", QUIET_MILLIS);
        }
    }
}
