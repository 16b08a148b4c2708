package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CORS allow-list with credentials (C1) and the health and readiness endpoints (C12). */
class CorsAndHealthTest {
    static final String SHOP = "https://shop.example";
    static final String ELSEWHERE = "https://evil.example";

    static TestServer server;
    static RestClient rest;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> new ServerConfig(
                new ServerConfig.Http(c.http().host(), 0, List.of(SHOP + "/"), c.http().maxRequestBytes()),
                c.engine(), c.security(), c.storage(), c.chat(), c.demo()));
        rest = new RestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, String> origin(String origin) {
        return Map.of("Origin", origin);
    }

    static RestClient.Response preflight(String origin) {
        return rest.send("OPTIONS", "/api/chat/conversations", null, null, Map.of("Origin", origin,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type, idempotency-key"));
    }

    @Test
    void anAllowedOriginIsEchoedWithCredentials() {
        RestClient.Response response = rest.send("GET", "/health", null, null, origin(SHOP));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(response.header("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(response.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Origin"));
    }

    @Test
    void errorsCarryCorsHeadersSoABrowserCanReadThem() {
        RestClient.Response unauthorized = rest.send("GET", "/api/chat/unread-count", null, null, origin(SHOP));
        Problems.assertProblem(unauthorized, 401, "UNAUTHENTICATED");
        assertThat(unauthorized.header("Access-Control-Allow-Origin")).hasValue(SHOP);

        RestClient.Response notFound = rest.send("GET", "/api/nowhere", null, null, origin(SHOP));
        Problems.assertProblem(notFound, 404, "NOT_FOUND");
        assertThat(notFound.header("Access-Control-Allow-Origin")).hasValue(SHOP);

        RestClient.Response tooLarge = rest.send("POST", "/api/auth/login", null, new byte[(1 << 20) + 1], origin(SHOP));
        Problems.assertProblem(tooLarge, 413, "PAYLOAD_TOO_LARGE");
        assertThat(tooLarge.header("Access-Control-Allow-Origin")).hasValue(SHOP);
    }

    @Test
    void anOriginOffTheListGetsNoCorsHeaders() {
        RestClient.Response response = rest.send("GET", "/health", null, null, origin(ELSEWHERE));
        assertThat(response.status()).isEqualTo(200); // the server answers; the browser withholds it
        assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.header("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void aPreflightFromAnAllowedOriginIsNoContentWithTheAllowedMethodsAndHeaders() {
        RestClient.Response response = preflight(SHOP);
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.raw()).isEmpty();
        assertThat(response.header("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(response.header("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(response.header("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("POST"));
        assertThat(response.header("Access-Control-Allow-Headers"))
                .hasValueSatisfying(h -> assertThat(h.toLowerCase()).contains("authorization", "idempotency-key"));
    }

    @Test
    void aPreflightFromAnotherOriginAllowsNothing() {
        RestClient.Response response = preflight(ELSEWHERE);
        assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.header("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void socketIoPollingHonoursTheSameAllowList() {
        RestClient.Response allowed = rest.send("GET", "/socket.io/?EIO=4&transport=polling", null, null, origin(SHOP));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(allowed.header("Access-Control-Allow-Credentials")).hasValue("true");

        RestClient.Response other = rest.send("GET", "/socket.io/?EIO=4&transport=polling", null, null, origin(ELSEWHERE));
        assertThat(other.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void healthAndReadinessAnswerWithoutAToken() {
        RestClient.Response health = rest.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("ok");
        assertThat(health.json().path("connections").isInt()).isTrue();
        assertThat(health.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));

        RestClient.Response ready = rest.get("/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text("status")).isEqualTo("ready");
    }

    @Test
    void theRootServesTheLandingPageWithRevalidationAndNothingElseLeaks() {
        RestClient.Response page = rest.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.header("Cache-Control")).hasValue("no-cache");
        assertThat(page.header("ETag")).isPresent();
        assertThat(page.raw()).contains("<title>Switchboard</title>");

        RestClient.Response revalidated = rest.send("GET", "/", null, null, Map.of("If-None-Match", page.header("ETag").get()));
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(rest.get("/../pom.xml", null).status()).isEqualTo(404);
        assertThat(rest.get("/db/migration/V1__identity_and_conversations.sql", null).status()).as("only public/ is served")
                .isEqualTo(404);
    }
}
