package dev.switchboard.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.fixture.ConformanceFixture;
import dev.switchboard.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link ConformanceFixture} on a free loopback port and a raw HTTP client for its bare
 * Engine.IO echo endpoint ({@code /engine.io/}). Every wait is bounded by {@link #TIMEOUT}.
 */
final class EngineFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String SEP = "\u001e";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient http;
    private final List<WsClient> webSockets = new ArrayList<>();

    record Response(int status, String body, HttpHeaders headers) {}

    private EngineFixture(HttpServer server) {
        this.server = server;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    static EngineFixture start() throws InterruptedException {
        return new EngineFixture(ConformanceFixture.start("127.0.0.1", 0));
    }

    URI uri(String scheme, String query) {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + "/engine.io/?" + query);
    }

    static String pollingQuery(String sid) {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    HttpRequest.Builder request(String query) {
        return HttpRequest.newBuilder(uri("http", query)).timeout(TIMEOUT);
    }

    CompletableFuture<Response> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.body(), r.headers()));
    }

    Response send(HttpRequest request) throws Exception {
        return sendAsync(request).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    Response get(String query) throws Exception {
        return send(request(query).GET().build());
    }

    CompletableFuture<Response> getAsync(String query) {
        return sendAsync(request(query).GET().build());
    }

    Response post(String query, String body) throws Exception {
        return send(request(query).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Opens a polling session and returns the parsed open packet. */
    JsonNode handshake() throws Exception {
        Response response = get("EIO=4&transport=polling");
        assertThat(response.status()).isEqualTo(200);
        return openPacket(response.body());
    }

    String openPollingSession() throws Exception {
        return handshake().get("sid").asText();
    }

    static JsonNode openPacket(String text) throws Exception {
        assertThat(text).startsWith("0");
        return JSON.readTree(text.substring(1));
    }

    /** Posts a payload and checks that the server took it. */
    void postOk(String sid, String payload) throws Exception {
        Response response = post(pollingQuery(sid), payload);
        assertThat(response.status()).as("POST %s", payload).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    /**
     * One GET poll, answering heartbeat pings on the way: returns the first response that carries
     * anything besides pings, with the pings removed.
     */
    Response poll(String sid) throws Exception {
        return withoutPings(sid, get(pollingQuery(sid)));
    }

    /** Like {@link #poll} for a poll already under way. */
    Response withoutPings(String sid, CompletableFuture<Response> pending) throws Exception {
        return withoutPings(sid, pending.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private Response withoutPings(String sid, Response response) throws Exception {
        while (true) {
            if (response.status() != 200) return response;
            List<String> packets = new ArrayList<>(Arrays.asList(response.body().split(SEP, -1)));
            boolean pinged = packets.removeIf("2"::equals);
            if (pinged) postOk(sid, "3");
            if (!packets.isEmpty()) return new Response(200, String.join(SEP, packets), response.headers());
            response = get(pollingQuery(sid));
        }
    }

    WsClient openWebSocket(String query) throws Exception {
        WsClient client = WsClient.open(http, uri("ws", query));
        synchronized (webSockets) {
            webSockets.add(client);
        }
        return client;
    }

    @Override
    public void close() {
        synchronized (webSockets) {
            webSockets.forEach(WsClient::abort);
        }
        server.close();
    }
}
