package dev.switchboard.engineio;

import static dev.switchboard.engineio.EngineFixture.pollingQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.engineio.EngineFixture.Response;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Engine.IO over WebSocket, from the start or upgraded from polling. */
class EngineWebSocketTest {
    private static EngineFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = EngineFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private WsClient openWebSocketSession() throws Exception {
        WsClient ws = fixture.openWebSocket("EIO=4&transport=websocket");
        assertThat(ws.nextText()).startsWith("0{");
        return ws;
    }

    @Test
    void echoesTextAndBinaryMessages() throws Exception {
        WsClient ws = openWebSocketSession();

        ws.send("4hello é ☃");
        ws.sendBinary(new byte[] {1, 2, 3, (byte) 0xff});

        assertThat(ws.nextMessage()).isEqualTo("4hello é ☃");
        assertThat(ws.nextMessage()).isEqualTo(new byte[] {1, 2, 3, (byte) 0xff});
    }

    @Test
    void closesTheSocketOnAnInvalidPacket() throws Exception {
        WsClient ws = openWebSocketSession();

        ws.send("abc");

        ws.awaitClosed(EngineFixture.TIMEOUT);
    }

    @Test
    void closesTheSocketWhenTheClientSendsClose() throws Exception {
        WsClient ws = openWebSocketSession();

        ws.send("1");

        ws.awaitClosed(EngineFixture.TIMEOUT);
    }

    /** Probes a WebSocket for the polling session; returns it once the probe is answered. */
    private WsClient probe(String sid) throws Exception {
        WsClient ws = fixture.openWebSocket("EIO=4&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertThat(ws.nextText()).isEqualTo("3probe");
        return ws;
    }

    @Test
    void upgradesAPollingSessionToWebSocket() throws Exception {
        String sid = fixture.openPollingSession();
        CompletableFuture<Response> pending = fixture.getAsync(pollingQuery(sid));

        WsClient ws = probe(sid);

        Response released = fixture.withoutPings(sid, pending);
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.body()).as("the pending poll is released with a noop").isEqualTo("6");
        ws.send("5");
        ws.send("4over websocket");
        ws.sendBinary(new byte[] {7});
        assertThat(ws.nextMessage()).isEqualTo("4over websocket");
        assertThat(ws.nextMessage()).isEqualTo(new byte[] {7});

        assertThat(fixture.get(pollingQuery(sid)).status()).as("GET after upgrade").isEqualTo(400);
        assertThat(fixture.post(pollingQuery(sid), "4x").status()).as("POST after upgrade").isEqualTo(400);
        WsClient second = fixture.openWebSocket("EIO=4&transport=websocket&sid=" + sid);
        second.awaitClosed(EngineFixture.TIMEOUT);
        ws.send("4still upgraded");
        assertThat(ws.nextMessage()).isEqualTo("4still upgraded");
    }

    @Test
    void deliversPacketsBufferedDuringTheUpgradeOverTheWebSocket() throws Exception {
        String sid = fixture.openPollingSession();
        WsClient ws = probe(sid);

        fixture.postOk(sid, "4sent while upgrading" + EngineFixture.SEP + "bAQI=");
        assertThat(fixture.get(pollingQuery(sid)).body()).as("polls during the upgrade get a noop").isEqualTo("6");
        ws.send("5");

        assertThat(ws.nextMessage()).isEqualTo("4sent while upgrading");
        assertThat(ws.nextMessage()).isEqualTo(new byte[] {1, 2});
    }

    @Test
    void keepsPollingWhenTheProbeSocketGoesAway() throws Exception {
        String sid = fixture.openPollingSession();
        WsClient ws = probe(sid);

        ws.abort();
        // the probe's end is noticed on the server's loop; a poll then gets the echo over polling
        fixture.postOk(sid, "4after the probe");

        Response poll = fixture.poll(sid);
        for (int i = 0; i < 10 && poll.body().equals("6"); i++) poll = fixture.poll(sid); // raced the probe's end
        assertThat(poll.body()).isEqualTo("4after the probe");
    }
}
