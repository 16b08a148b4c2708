package dev.switchboard.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Opening Engine.IO sessions over both transports, and the requests the endpoint refuses. */
class EngineHandshakeTest {
    private static EngineFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = EngineFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static List<String> keys(JsonNode open) {
        List<String> keys = new ArrayList<>();
        open.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void assertTimers(JsonNode open) {
        assertThat(open.get("pingInterval").isInt()).isTrue();
        assertThat(open.get("pingInterval").asInt()).isEqualTo(300);
        assertThat(open.get("pingTimeout").asInt()).isEqualTo(200);
        assertThat(open.get("maxPayload").asInt()).isEqualTo(1_000_000);
    }

    @Test
    void pollingHandshakeAnnouncesTheSessionWithExactlyTheProtocolKeys() throws Exception {
        EngineFixture.Response response = fixture.get("EIO=4&transport=polling");

        assertThat(response.status()).isEqualTo(200);
        JsonNode open = EngineFixture.openPacket(response.body());
        assertThat(keys(open)).containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
        assertThat(open.get("sid").asText()).isNotBlank();
        assertThat(open.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
        assertTimers(open);
    }

    @Test
    void everySessionGetsItsOwnId() throws Exception {
        assertThat(fixture.openPollingSession()).isNotEqualTo(fixture.openPollingSession());
    }

    @Test
    void webSocketHandshakeSendsTheOpenPacketWithoutUpgrades() throws Exception {
        WsClient ws = fixture.openWebSocket("EIO=4&transport=websocket");

        JsonNode open = EngineFixture.openPacket(ws.nextText());
        assertThat(keys(open)).containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
        assertThat(open.get("sid").asText()).isNotBlank();
        assertThat(open.get("upgrades").toString()).isEqualTo("[]");
        assertTimers(open);
    }

    @ParameterizedTest(name = "{0} ?{1} is refused with code {2}")
    @CsvSource(delimiter = '|', value = {
        "GET  | transport=polling                    | 5",
        "GET  | EIO=3&transport=polling              | 5",
        "GET  | EIO=abc&transport=polling            | 5",
        "GET  | EIO=4                                | 0",
        "GET  | EIO=4&transport=carrier-pigeon       | 0",
        "GET  | EIO=4&transport=websocket            | 3",
        "POST | EIO=4&transport=polling              | 2",
        "PUT  | EIO=4&transport=polling              | 2",
        "GET  | EIO=4&transport=polling&sid=unknown  | 1",
        "POST | EIO=4&transport=polling&sid=unknown  | 1",
    })
    void refusesBadRequestsWith400AndTheReferenceErrorCode(String method, String query, int code) throws Exception {
        HttpRequest request = fixture.request(query)
                .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "4hello"))
                .build();

        EngineFixture.Response response = fixture.send(request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(response.body()).get("code").asInt()).isEqualTo(code);
    }

    @Test
    void refusesAnUnknownMethodOnAnOpenSession() throws Exception {
        String sid = fixture.openPollingSession();

        HttpRequest put = fixture.request(EngineFixture.pollingQuery(sid))
                .PUT(HttpRequest.BodyPublishers.ofString("4hello")).build();

        assertThat(fixture.send(put).status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "refuses a WebSocket with ?{0}")
    @ValueSource(strings = {
        "transport=websocket", "EIO=3&transport=websocket", "EIO=4", "EIO=4&transport=polling",
        "EIO=4&transport=websocket&sid=unknown",
    })
    void refusesBadWebSocketRequestsWith400(String query) {
        Throwable thrown = catchThrowable(() -> fixture.openWebSocket(query));

        while (thrown != null && !(thrown instanceof WebSocketHandshakeException)) thrown = thrown.getCause();
        assertThat(thrown).as("a refused WebSocket handshake").isNotNull();
        assertThat(((WebSocketHandshakeException) thrown).getResponse().statusCode()).isEqualTo(400);
    }
}
