package dev.switchboard.engineio;

import static dev.switchboard.engineio.EngineFixture.SEP;
import static dev.switchboard.engineio.EngineFixture.pollingQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.engineio.EngineFixture.Response;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP long-polling against the fixture's Engine.IO echo: messages, errors, close, limits and CORS. */
class EnginePollingTest {
    private static EngineFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = EngineFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Response await(CompletableFuture<Response> pending) throws Exception {
        return pending.get(EngineFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void echoesATextMessage() throws Exception {
        String sid = fixture.openPollingSession();

        fixture.postOk(sid, "4hello é ☃");

        Response poll = fixture.poll(sid);
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(poll.body()).isEqualTo("4hello é ☃");
    }

    @Test
    void answersAWaitingPollWhenAMessageArrives() throws Exception {
        String sid = fixture.openPollingSession();
        CompletableFuture<Response> pending = fixture.getAsync(pollingQuery(sid));

        fixture.postOk(sid, "4wake up");

        assertThat(fixture.withoutPings(sid, pending).body()).isEqualTo("4wake up");
    }

    @Test
    void echoesSeveralPacketsOfOnePostInOneResponseInOrder() throws Exception {
        String sid = fixture.openPollingSession();

        fixture.postOk(sid, "4one" + SEP + "4two" + SEP + "4three");

        assertThat(fixture.poll(sid).body()).isEqualTo("4one" + SEP + "4two" + SEP + "4three");
    }

    @Test
    void echoesBinaryMessagesAsBase64() throws Exception {
        String sid = fixture.openPollingSession();

        fixture.postOk(sid, "bAQIDBA==" + SEP + "4text" + SEP + "b/w==");

        assertThat(fixture.poll(sid).body()).isEqualTo("bAQIDBA==" + SEP + "4text" + SEP + "b/w==");
    }

    @Test
    void closesTheSessionOnAnInvalidPacket() throws Exception {
        String sid = fixture.openPollingSession();

        assertThat(fixture.post(pollingQuery(sid), "abc").status()).isEqualTo(400);

        assertThat(fixture.get(pollingQuery(sid)).status()).isEqualTo(400);
    }

    @Test
    void closesTheSessionWhenASecondPollOverlapsTheFirst() throws Exception {
        String sid = fixture.openPollingSession();

        CompletableFuture<Response> first = fixture.getAsync(pollingQuery(sid));
        CompletableFuture<Response> second = fixture.getAsync(pollingQuery(sid));

        // Which of the two the server sees first is up to the network; one is answered 1 (close)
        // and the other refused. A heartbeat ping cannot answer the first poll earlier: it comes
        // after 300 ms, and both polls are pending long before that unless the machine stalls.
        List<Response> answers = List.of(await(first), await(second));
        assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 400);
        assertThat(answers).filteredOn(r -> r.status() == 200).extracting(Response::body).containsExactly("1");
        assertThat(fixture.get(pollingQuery(sid)).status()).isEqualTo(400);
    }

    @Test
    void answersThePendingPollWithNoopWhenTheClientCloses() throws Exception {
        String sid = fixture.openPollingSession();
        CompletableFuture<Response> pending = fixture.getAsync(pollingQuery(sid));

        fixture.postOk(sid, "1");

        Response answer = await(pending);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("6");
        assertThat(fixture.get(pollingQuery(sid)).status()).isEqualTo(400);
        assertThat(fixture.post(pollingQuery(sid), "4late").status()).isEqualTo(400);
    }

    @Test
    void refusesAPostLargerThanMaxPayloadAndEchoesNothing() throws Exception {
        String sid = fixture.openPollingSession();
        String tooLarge = "4" + "x".repeat(1_000_000); // 1,000,001 bytes: one more than maxPayload

        Response response = fixture.post(pollingQuery(sid), tooLarge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(fixture.get(pollingQuery(sid)).status()).as("the session is closed").isEqualTo(400);
    }

    @Test
    void acceptsAPostOfExactlyMaxPayload() throws Exception {
        String sid = fixture.openPollingSession();
        String largest = "4" + "x".repeat(999_999);

        fixture.postOk(sid, largest);

        assertThat(fixture.poll(sid).body()).isEqualTo(largest);
    }

    @Test
    void allowsACorsOriginWithCredentialsOnEveryPollingResponse() throws Exception {
        String origin = "https://shop.example.com";
        Response handshake = fixture.send(fixture.request("EIO=4&transport=polling").header("Origin", origin).GET().build());
        String sid = EngineFixture.openPacket(handshake.body()).get("sid").asText();
        Response post = fixture.send(fixture.request(pollingQuery(sid)).header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("4cors")).build());
        Response poll = fixture.send(fixture.request(pollingQuery(sid)).header("Origin", origin).GET().build());

        for (Response response : List.of(handshake, post, poll)) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(origin);
            assertThat(response.headers().firstValue("access-control-allow-credentials")).hasValue("true");
        }
    }

    @Test
    void answersACorsPreflightWith204() throws Exception {
        HttpRequest preflight = fixture.request("EIO=4&transport=polling")
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build();

        Response response = fixture.send(preflight);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("https://shop.example.com");
        assertThat(response.headers().firstValue("access-control-allow-credentials")).hasValue("true");
        assertThat(response.headers().firstValue("access-control-allow-methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("GET").contains("POST"));
        assertThat(response.headers().firstValue("access-control-allow-headers")).hasValue("content-type");
    }
}
