package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.routing.Strategy;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many agents picking the same customers at the same moment: exactly one wins each, never two. */
class QueueRaceTest {
    private static final int AGENTS = 8;
    private static final int CUSTOMERS = 6;
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(c -> c.withRouting(c.routing().withStrategy(Strategy.MANUAL)
                .withDefaultMaxChats(CUSTOMERS)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void concurrentPicksOfTheSameCustomersHaveExactlyOneWinnerEachAndTheOthersGetAlreadyAssigned() throws Exception {
        List<SocketClient> agents = new ArrayList<>();
        List<SocketClient> customers = new ArrayList<>();
        List<String> customerIds = new ArrayList<>();
        Map<String, String> conversationOf = new HashMap<>();
        try {
            for (int i = 0; i < AGENTS; i++) {
                SocketClient a = SocketClient.connect(server.url(), server.user("Agent" + i, "agent").token(), "websocket");
                a.ok("agent:list");
                agents.add(a);
            }
            for (int i = 0; i < CUSTOMERS; i++) {
                TestServer.TestUser user = server.user("Customer" + i, "customer");
                SocketClient c = SocketClient.connect(server.url(), user.token(), "websocket");
                JSONObject joined = c.ok("queue:join", json("topic", "race"));
                customers.add(c);
                customerIds.add(user.id());
                conversationOf.put(user.id(), joined.getJSONObject("chat").getString("conversationId"));
            }

            Map<String, List<JSONObject>> replies = new HashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JSONObject>> calls = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (String customer : customerIds) {
                    for (SocketClient a : agents) {
                        targets.add(customer);
                        calls.add(pool.submit(() -> {
                            start.await();
                            return a.call("queue:pick", json("customerId", customer));
                        }));
                    }
                }
                start.countDown();
                for (int i = 0; i < calls.size(); i++) {
                    replies.computeIfAbsent(targets.get(i), k -> new ArrayList<>()).add(calls.get(i).get(10, TimeUnit.SECONDS));
                }
            }

            for (String customer : customerIds) {
                List<JSONObject> forCustomer = replies.get(customer);
                assertThat(forCustomer).filteredOn(r -> r.optBoolean("ok")).hasSize(1);
                assertThat(forCustomer).filteredOn(r -> !r.optBoolean("ok"))
                        .hasSize(AGENTS - 1)
                        .allSatisfy(r -> assertThat(r.optJSONObject("error").optString("code")).isEqualTo("ALREADY_ASSIGNED"));
                String winner = forCustomer.stream().filter(r -> r.optBoolean("ok")).findFirst().orElseThrow()
                        .getJSONObject("data").getJSONObject("entry").getString("agentId");
                assertThat(storedAssignments(customer)).containsExactly(winner);
                assertThat(server.server().services().support().find(new ConversationId(conversationOf.get(customer)))
                        .orElseThrow().assignee().value()).isEqualTo(winner);
            }
        } finally {
            agents.forEach(SocketClient::close);
            customers.forEach(SocketClient::close);
        }
    }

    /** The agents the database holds as assigned to the customer's active entries. */
    private static List<String> storedAssignments(String customer) throws Exception {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT agent_id FROM queue_entries WHERE customer_id = ? AND state = 'assigned'")) {
            ps.setString(1, customer);
            List<String> agents = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) agents.add(rs.getString(1));
            }
            return agents;
        }
    }

    private static javax.sql.DataSource dataSource() {
        return server.server().database().dataSource();
    }
}
