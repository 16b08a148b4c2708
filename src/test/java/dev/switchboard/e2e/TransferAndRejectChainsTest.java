package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.send;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.routing.Strategy;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.time.Duration;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A chat passed along several agents keeps one history; a customer rejected by everyone waits and is told. */
class TransferAndRejectChainsTest {
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

    @Test
    void aChatTransferredAlongThreeAgentsKeepsOneHistoryAndOnlyTheLastOneWrites() throws Exception {
        server = TestServer.start(c -> c.withRouting(c.routing().withStrategy(Strategy.MANUAL)));
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        TestServer.TestUser cy = server.user("Cy", "agent");
        try (SocketClient c = SocketClient.connect(server.url(), cora.token(), "websocket");
                SocketClient a = agent(abe); SocketClient b = agent(bea); SocketClient x = agent(cy)) {
            String chat = c.ok("queue:join", json()).getJSONObject("chat").getString("conversationId");
            a.ok("queue:pick", json("customerId", cora.id()));
            send(a, chat, "one");
            a.ok("queue:transfer", json("conversationId", chat, "toAgentId", bea.id()));
            send(b, chat, "two");
            JSONObject last = b.ok("queue:transfer", json("conversationId", chat, "toAgentId", cy.id()));
            send(x, chat, "three");

            assertThat(last.getJSONObject("entry").getJSONArray("heldBy").length()).isEqualTo(3);
            assertThat(texts(messages(c, chat))).containsExactly("one", "two", "three");
            for (SocketClient former : new SocketClient[] {a, b}) {
                assertThat(texts(messages(former, chat))).containsExactly("one", "two", "three");
                assertThat(former.failure("chat:send_message", json("conversationId", chat, "message", "late"))
                        .getString("code")).isEqualTo("NOT_ASSIGNEE");
            }
            assertThat(a.failure("queue:transfer", json("conversationId", chat, "toAgentId", abe.id()))
                    .getString("code")).isEqualTo("NOT_ASSIGNEE");
        }
    }

    @Test
    void aCustomerRejectedByEveryAgentWaitsIsToldAndGoesToTheNextAgentWhoArrives() throws Exception {
        server = TestServer.start(c -> c.withRouting(c.routing().withStrategy(Strategy.ROUND_ROBIN)
                .withOfferTimeout(Duration.ofMinutes(5))));
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        TestServer.TestUser cy = server.user("Cy", "agent");
        try (SocketClient c = SocketClient.connect(server.url(), cora.token(), "websocket");
                SocketClient a = agent(abe); SocketClient b = agent(bea)) {
            JSONObject entry = c.ok("queue:join", json()).getJSONObject("entry");
            String id = entry.getString("id");
            SocketClient first = entry.getString("agentId").equals(abe.id()) ? a : b;
            SocketClient second = first == a ? b : a;
            first.nextObject("queue:offer");
            first.ok("queue:reject", json("entryId", id));
            assertThat(second.nextObject("queue:offer").getJSONObject("entry").getString("id")).isEqualTo(id);
            second.ok("queue:reject", json("entryId", id));

            JSONObject noAgents = c.nextObject("queue:no_agents");
            assertThat(noAgents.getString("entryId")).isEqualTo(id);
            assertThat(noAgents.getBoolean("staffed")).isTrue();
            assertThat(first.failure("queue:accept", json("entryId", id)).getString("code")).isEqualTo("NO_PENDING_OFFER");

            try (SocketClient late = agent(cy)) {
                assertThat(late.nextObject("queue:offer").getJSONObject("entry").getString("id")).isEqualTo(id);
                late.ok("queue:accept", json("entryId", id));
                JSONObject assigned = c.nextObject("queue:assigned");
                assertThat(assigned.getJSONObject("agent").getString("id")).isEqualTo(cy.id());
            }
        }
    }
}
