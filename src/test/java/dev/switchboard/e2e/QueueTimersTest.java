package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.switchboard.identity.UserId;
import dev.switchboard.routing.Strategy;
import dev.switchboard.testing.MutableClock;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Offers that lapse and agents who vanish, with a clock the test moves: the desk's one timer at work. */
class QueueTimersTest {
    private final MutableClock clock = new MutableClock(Instant.now());
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private SocketClient agent(TestServer.TestUser user) {
        SocketClient a = SocketClient.connect(server.url(), user.token(), "websocket");
        a.ok("agent:list");
        return a;
    }

    /** Waits (bounded) until the server has done something the clients cannot see. */
    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(10);
        }
        fail("never happened: " + what);
    }

    @Test
    void anOfferNotAcceptedInTimePassesToTheNextAgentWhoCanAcceptIt() throws Exception {
        server = TestServer.start(c -> c.withRouting(c.routing().withStrategy(Strategy.ROUND_ROBIN)
                .withOfferTimeout(Duration.ofSeconds(20))), clock);
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        TestServer.TestUser cora = server.user("Cora", "customer");
        try (SocketClient a = agent(abe); SocketClient b = agent(bea);
                SocketClient c = SocketClient.connect(server.url(), cora.token(), "websocket")) {
            JSONObject entry = c.ok("queue:join", json()).getJSONObject("entry");
            assertThat(entry.getString("state")).isEqualTo("offered");
            boolean abeFirst = entry.getString("agentId").equals(abe.id());
            SocketClient first = abeFirst ? a : b;
            SocketClient second = abeFirst ? b : a;
            assertThat(first.nextObject("queue:offer").getJSONObject("entry").getString("id"))
                    .isEqualTo(entry.getString("id"));

            clock.advance(Duration.ofSeconds(21));

            JSONObject withdrawn = first.nextObject("queue:offer_withdrawn");
            assertThat(withdrawn.getString("entryId")).isEqualTo(entry.getString("id"));
            assertThat(withdrawn.getString("reason")).isEqualTo("offer_timed_out");
            JSONObject offer = second.nextObject("queue:offer");
            assertThat(offer.getJSONObject("entry").getString("id")).isEqualTo(entry.getString("id"));
            assertThat(first.failure("queue:accept", json("entryId", entry.getString("id"))).getString("code"))
                    .isEqualTo("NO_PENDING_OFFER");
            second.ok("queue:accept", json("entryId", entry.getString("id")));
            assertThat(c.nextObject("queue:assigned").getJSONObject("agent").getString("id"))
                    .isEqualTo(abeFirst ? bea.id() : abe.id());
        }
    }

    @Test
    void aChatWhoseAgentVanishesGoesToAnotherAgentAfterTheGracePeriod() throws Exception {
        server = TestServer.start(c -> c.withRouting(c.routing().withStrategy(Strategy.LEAST_BUSY)
                .withOfflineGrace(Duration.ofSeconds(30))), clock);
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        TestServer.TestUser cora = server.user("Cora", "customer");
        try (SocketClient c = SocketClient.connect(server.url(), cora.token(), "websocket")) {
            SocketClient a = agent(abe);
            String conversationId = c.ok("queue:join", json()).getJSONObject("chat").getString("conversationId");
            assertThat(c.nextObject("queue:assigned").getJSONObject("agent").getString("id")).isEqualTo(abe.id());
            try (SocketClient b = agent(bea)) {
                a.close();
                var routing = server.server().services().routing();
                eventually("Abe's connection is gone", () ->
                        routing.queries().agent(new UserId(abe.id())).orElseThrow().connections() == 0);
                clock.advance(Duration.ofSeconds(29));
                routing.tick();
                assertThat(routing.entryOf(new dev.switchboard.conversation.ConversationId(conversationId))
                        .orElseThrow().agent().value()).isEqualTo(abe.id());

                clock.advance(Duration.ofSeconds(2));

                JSONObject reassigned = b.nextObject("queue:assigned");
                assertThat(reassigned.getString("conversationId")).isEqualTo(conversationId);
                assertThat(c.nextObject("queue:assigned").getJSONObject("agent").getString("id")).isEqualTo(bea.id());
                JSONObject abeNow = b.ok("agent:list").getJSONArray("agents").getJSONObject(0);
                assertThat(abeNow.getString("id")).isEqualTo(abe.id());
                assertThat(abeNow.getString("availability")).isEqualTo("offline");
                E2e.send(b, conversationId, "Bea here, taking over.");
            }
        }
    }
}
