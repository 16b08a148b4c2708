package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark cannot rot: a few seconds of the load generator against a real server, asserting
 * correctness only (every message delivered exactly once and acknowledged). No speed assertions:
 * the figures belong to bench/compare.sh on a quiet machine.
 */
class BenchSmokeTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static BenchOptions options(String... extra) {
        String[] base = {"--port", Integer.toString(server.server().port()), "--jwt-secret", TestServer.JWT_SECRET,
                "--server-pid", Long.toString(ProcessHandle.current().pid()), "--warmup", "1", "--duration", "3",
                "--drain", "15", "--batch", "20", "--label", "smoke"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return BenchOptions.parse(all);
    }

    @Test
    void pingpongDeliversEveryMessageExactlyOnceAndAcknowledgesIt() throws Exception {
        Map<String, Object> r = LoadGenerator.run(options("--scenario", "pingpong", "--pairs", "20", "--rate", "200"));

        // open loop on a shared machine: a late tick at the end of the window may send one message
        // fewer; what must hold exactly is that every message sent arrives once
        long sent = ((Number) r.get("sent")).longValue();
        assertThat(sent).isBetween(760L, 800L);
        assertThat(r.get("deliveries")).isEqualTo(r.get("sent"));
        assertThat(r).containsEntry("lost", 0L).containsEntry("duplicated", 0L)
                .containsEntry("missingAcks", 0L).containsEntry("ackErrors", 0L);
        assertThat(((Number) r.get("p99Ms")).doubleValue()).isPositive();
    }

    @Test
    void supportChatPingpongRoutesEachCustomerToItsAgentAndDeliversEveryMessageOnce() throws Exception {
        Map<String, Object> r = LoadGenerator.run(options("--scenario", "pingpong", "--chats", "support", "--pairs", "20",
                "--rate", "200"));

        long sent = ((Number) r.get("sent")).longValue();
        assertThat(sent).as("open loop: a late tick may send one fewer").isBetween(760L, 800L);
        assertThat(r.get("deliveries")).as("the sender's own chat:new_message is not a delivery").isEqualTo(r.get("sent"));
        assertThat(r).containsEntry("lost", 0L).containsEntry("duplicated", 0L)
                .containsEntry("missingAcks", 0L).containsEntry("ackErrors", 0L);
    }

    @Test
    void fanoutDeliversEveryMessageToEveryTabOfTheReceiver() throws Exception {
        Map<String, Object> r = LoadGenerator.run(options("--scenario", "fanout", "--tabs", "5", "--rate", "20"));

        long sent = ((Number) r.get("sent")).longValue();
        assertThat(sent).as("open loop: a late tick may send one fewer").isBetween(76L, 80L);
        assertThat(((Number) r.get("deliveries")).longValue()).as("every message reaches all 5 tabs once")
                .isEqualTo(sent * 5);
        assertThat(r).containsEntry("lost", 0L).containsEntry("duplicated", 0L)
                .containsEntry("missingAcks", 0L).containsEntry("ackErrors", 0L);
    }
}
