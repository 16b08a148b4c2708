package dev.switchboard.engineio;

import static dev.switchboard.engineio.EngineFixture.pollingQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.engineio.EngineFixture.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server pings every pingInterval (300 ms), the first at a random point of its second half, and drops
 * a session whose pong is late (200 ms).
 */
class EngineHeartbeatTest {
    private static EngineFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = EngineFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void pingsOverPollingAndKeepsTheSessionWhileTheClientAnswers() throws Exception {
        String sid = fixture.openPollingSession();

        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            assertThat(fixture.get(pollingQuery(sid)).body()).isEqualTo("2");
            if (round > 0) assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(200));
            fixture.postOk(sid, "3");
        }

        fixture.postOk(sid, "4still here");
        assertThat(fixture.poll(sid).body()).isEqualTo("4still here");
    }

    @Test
    void dropsAPollingSessionThatDoesNotAnswerThePing() throws Exception {
        long start = System.nanoTime();
        String sid = fixture.openPollingSession();
        assertThat(fixture.get(pollingQuery(sid)).body()).isEqualTo("2");

        // No pong: the poll held now is answered when the server gives up on the session.
        Response last = fixture.get(pollingQuery(sid));

        assertThat(last.status()).isEqualTo(200);
        assertThat(last.body()).isIn("1", "6");
        // the first ping's earliest (half the interval) and the timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(fixture.get(pollingQuery(sid)).status()).isEqualTo(400);
    }

    @Test
    void sessionsOpenedTogetherGetTheirFirstPingsSpreadOverTheSecondHalfOfTheInterval() throws Exception {
        int sessions = 20;
        List<WsClient> clients = new ArrayList<>();
        List<Long> handshakes = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            WsClient ws = fixture.openWebSocket("EIO=4&transport=websocket");
            assertThat(ws.nextText()).startsWith("0{");
            handshakes.add(ws.lastArrivalNanos());
            clients.add(ws);
        }
        List<Long> firstPingMillis = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            assertThat(clients.get(i).nextText()).isEqualTo("2");
            firstPingMillis.add((clients.get(i).lastArrivalNanos() - handshakes.get(i)) / 1_000_000);
        }
        clients.forEach(WsClient::abort);

        // From the handshake's arrival to the ping's, each as the client received it: none sooner than
        // half the interval (less a little for the two frames' trips) ...
        assertThat(firstPingMillis).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(140L));
        // ... and not all at one moment: twenty uniform draws over 150 ms span less than 50 ms with
        // a chance of about 2e-8. One interval after the handshake, as before, spans only the time
        // taken to open the twenty.
        long spread = Collections.max(firstPingMillis) - Collections.min(firstPingMillis);
        assertThat(spread).isGreaterThanOrEqualTo(50L);
    }

    @Test
    void theFirstPingsDelayRunsFromHalfTheIntervalToTheWhole() {
        assertThat(Heartbeat.firstPingDelayMillis(25_000, 0.0)).isEqualTo(25_000);
        assertThat(Heartbeat.firstPingDelayMillis(25_000, 0.5)).isEqualTo(18_750);
        assertThat(Heartbeat.firstPingDelayMillis(25_000, Math.nextDown(1.0))).isEqualTo(12_501);
        assertThat(Heartbeat.firstPingDelayMillis(300, Math.nextDown(1.0))).isEqualTo(151);
    }

    @Test
    void pingsOverWebSocketAndKeepsTheConnectionWhileTheClientAnswers() throws Exception {
        WsClient ws = fixture.openWebSocket("EIO=4&transport=websocket");
        ws.autoPong();
        assertThat(ws.nextText()).startsWith("0{");

        for (int round = 0; round < 3; round++) {
            assertThat(ws.nextText()).isEqualTo("2"); // answered by the client as it arrived
        }

        ws.send("4still here");
        assertThat(ws.nextMessage()).isEqualTo("4still here");
        assertThat(ws.isClosed()).isFalse();
    }

    @Test
    void closesASilentWebSocketWellWithinTwoSeconds() throws Exception {
        WsClient ws = fixture.openWebSocket("EIO=4&transport=websocket");
        assertThat(ws.nextText()).startsWith("0{");
        assertThat(ws.nextText()).isEqualTo("2");

        ws.awaitClosed(Duration.ofSeconds(2));
    }
}
