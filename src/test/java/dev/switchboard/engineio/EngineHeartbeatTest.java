package dev.switchboard.engineio;

import static dev.switchboard.engineio.EngineFixture.pollingQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.engineio.EngineFixture.Response;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server pings every pingInterval (300 ms) and drops a session whose pong is late (200 ms). */
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
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(fixture.get(pollingQuery(sid)).status()).isEqualTo(400);
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
