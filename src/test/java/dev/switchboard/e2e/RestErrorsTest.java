package dev.switchboard.e2e;

import static dev.switchboard.e2e.Problems.assertProblem;
import static dev.switchboard.testing.RestClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.TestServer;
import dev.switchboard.testing.TestServer.TestUser;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call what: 401, 403, 404 and 405 answers of the REST API, each a problem with a stable code. */
class RestErrorsTest {
    static TestServer server;
    static RestClient rest;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rest = new RestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestUser known(String name, String role) {
        TestUser user = server.user(name, role);
        assertThat(rest.get("/api/auth/me", user.token()).status()).isEqualTo(200);
        return user;
    }

    static String conversation(TestUser me, TestUser other) {
        RestClient.Response created = rest.post("/api/chat/conversations", me.token(), body("participantId", other.id()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.text("id");
    }

    @Test
    void everyChatRouteWithoutATokenIsUnauthenticatedWithABearerChallenge() {
        String id = UUID.randomUUID().toString();
        Map<String, String> routes = Map.of(
                "/api/chat/conversations", "GET",
                "/api/chat/conversations/" + id + "/messages", "POST",
                "/api/chat/conversations/" + id + "/read", "POST",
                "/api/chat/unread-count", "GET",
                "/api/chat/users/someone/status", "GET",
                "/api/auth/me", "GET");
        routes.forEach((path, method) -> {
            RestClient.Response response = rest.send(method, path, null, null, Map.of());
            assertProblem(response, 401, "UNAUTHENTICATED");
            assertThat(response.header("WWW-Authenticate")).as(method + " " + path).hasValue("Bearer");
        });
    }

    @Test
    void anAuthorizationHeaderThatIsNotBearerIsUnauthenticated() {
        RestClient.Response basic = rest.send("GET", "/api/auth/me", null, null, Map.of("Authorization", "Basic dXNlcjpwdw=="));
        assertProblem(basic, 401, "UNAUTHENTICATED");
        RestClient.Response empty = rest.send("GET", "/api/auth/me", null, null, Map.of("Authorization", "Bearer "));
        assertProblem(empty, 401, "UNAUTHENTICATED");
    }

    @Test
    void badTokensAreRefusedWithTheirReason() {
        RestClient.Response garbage = rest.get("/api/chat/conversations", "not-a-jwt");
        assertProblem(garbage, 401, "INVALID_TOKEN");
        assertThat(garbage.header("WWW-Authenticate")).hasValue("Bearer");

        String forged = TestServer.sign(new JWTClaimsSet.Builder().subject("mallory").claim("role", "admin").build(),
                "some-other-secret-that-is-long-enough-for-hs256");
        RestClient.Response wrongKey = rest.get("/api/chat/conversations", forged);
        assertProblem(wrongKey, 401, "INVALID_TOKEN");
        assertThat(wrongKey.raw()).doesNotContain(forged);

        String expired = TestServer.hostToken("late-" + UUID.randomUUID(), "customer", "Late", Duration.ofMinutes(-5));
        RestClient.Response late = rest.get("/api/chat/conversations", expired);
        assertProblem(late, 401, "TOKEN_EXPIRED");
        assertThat(late.header("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void anInactiveAccountIsForbidden() {
        String id = "suspended-" + UUID.randomUUID();
        String token = TestServer.sign(new JWTClaimsSet.Builder().subject(id).claim("role", "customer")
                .claim("status", "suspended").expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000))
                .build(), TestServer.JWT_SECRET);
        assertProblem(rest.get("/api/auth/me", token), 403, "ACCOUNT_INACTIVE");
    }

    @Test
    void aNonParticipantCanNeitherReadNorWriteNorMarkRead() {
        TestUser customer = known("Cora", "customer");
        TestUser agent = known("Abe", "agent");
        TestUser outsider = known("Otto", "customer");
        String id = conversation(customer, agent);
        String base = "/api/chat/conversations/" + id;

        assertProblem(rest.get(base + "/messages", outsider.token()), 403, "NOT_PARTICIPANT");
        assertProblem(rest.post(base + "/messages", outsider.token(), body("message", "let me in")), 403, "NOT_PARTICIPANT");
        assertProblem(rest.post(base + "/read", outsider.token(), null), 403, "NOT_PARTICIPANT");

        RestClient.Response history = rest.get(base + "/messages", customer.token());
        assertThat(history.json().path("messages")).isEmpty(); // the refused send stored nothing
        assertThat(rest.get("/api/chat/unread-count", outsider.token()).json().path("total").asLong()).isZero();
    }

    @Test
    void customersCannotOpenConversationsWithEachOther() {
        TestUser a = known("Ann", "customer");
        TestUser b = known("Ben", "customer");
        assertProblem(rest.post("/api/chat/conversations", a.token(), body("participantId", b.id())), 403, "FORBIDDEN");
        assertThat(rest.get("/api/chat/conversations", a.token()).json().path("conversations")).isEmpty();
    }

    @Test
    void unknownConversationsAndUsersAreNotFound() {
        TestUser customer = known("Cora", "customer");
        String missing = "/api/chat/conversations/" + UUID.randomUUID();
        assertProblem(rest.get(missing + "/messages", customer.token()), 404, "CONVERSATION_NOT_FOUND");
        assertProblem(rest.post(missing + "/messages", customer.token(), body("message", "hi")), 404,
                "CONVERSATION_NOT_FOUND");
        assertProblem(rest.post(missing + "/read", customer.token(), null), 404, "CONVERSATION_NOT_FOUND");
        assertProblem(rest.post("/api/chat/conversations", customer.token(), body("participantId", "nobody-" + UUID.randomUUID())),
                404, "USER_NOT_FOUND");
    }

    @Test
    void unknownApiPathsAreNotFoundEvenWithoutAToken() {
        assertProblem(rest.get("/api/nothing-here", null), 404, "NOT_FOUND");
        assertProblem(rest.get("/api", null), 404, "NOT_FOUND");
        assertProblem(rest.get("/api/chat/conversations/x/messages/extra", null), 404, "NOT_FOUND");
        assertProblem(rest.post("/api/v9/chats", null, body()), 404, "NOT_FOUND");
    }

    @Test
    void aKnownPathWithAnotherMethodIsNotAllowedAndSaysWhatIs() {
        RestClient.Response delete = rest.send("DELETE", "/api/chat/conversations", null, null, Map.of());
        assertProblem(delete, 405, "METHOD_NOT_ALLOWED");
        assertThat(delete.header("Allow")).hasValueSatisfying(
                allow -> assertThat(allow.split(",\\s*")).containsExactlyInAnyOrder("GET", "POST"));

        RestClient.Response putMe = rest.send("PUT", "/api/auth/me", null, "{}", Map.of());
        assertProblem(putMe, 405, "METHOD_NOT_ALLOWED");
        assertThat(putMe.header("Allow")).hasValue("GET");

        RestClient.Response getLogin = rest.get("/api/auth/login", null);
        assertProblem(getLogin, 405, "METHOD_NOT_ALLOWED");
        assertThat(getLogin.header("Allow")).hasValue("POST");
    }

    @Test
    void problemsCarryTheTitleOfTheirCodeAndAreNeverCached() {
        RestClient.Response problem = rest.get("/api/auth/me", null);
        assertThat(problem.text("type")).isEqualTo("about:blank");
        assertThat(problem.text("title")).isEqualTo("Authentication is required");
        assertThat(problem.header("Cache-Control")).hasValue("no-store");
        assertThat(problem.json().size()).as(problem.toString()).isEqualTo(5);
    }
}
