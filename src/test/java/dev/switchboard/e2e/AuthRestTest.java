package dev.switchboard.e2e;

import static dev.switchboard.testing.RestClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Built-in accounts and visitor sessions over REST (C2): {@code /api/auth/...} against a real server. */
class AuthRestTest {
    private static final String PASSWORD = "correct horse battery";

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

    private static String freshEmail() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }

    private static RestClient.Response register(String email, String password, String name) {
        return rest.post("/api/auth/register", null, body("email", email, "password", password, "name", name));
    }

    @Test
    void registeredUserLogsInAndSeesThemselvesThroughMe() {
        String email = freshEmail();
        RestClient.Response registered = register(email, PASSWORD, "Rita");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().path("user").path("email").asText()).isEqualTo(email);
        assertThat(registered.json().path("user").path("role").asText()).isEqualTo("customer");
        assertThat(registered.text("accessToken")).isNotBlank();
        assertThat(registered.text("refreshToken")).isNotBlank().isNotEqualTo(registered.text("accessToken"));
        assertThat(registered.raw()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("hash");

        RestClient.Response login = rest.post("/api/auth/login", null, body("email", email.toUpperCase(), "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String userId = registered.json().path("user").path("id").asText();
        assertThat(login.json().path("user").path("id").asText()).isEqualTo(userId);

        RestClient.Response me = rest.get("/api/auth/me", login.text("accessToken"));
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(userId);
        assertThat(me.text("name")).isEqualTo("Rita");
        assertThat(me.text("email")).isEqualTo(email);
        assertThat(me.text("kind")).isEqualTo("local");
        assertThat(me.text("status")).isEqualTo("active");
    }

    @Test
    void refreshGivesNewTokensThatWork() {
        RestClient.Response registered = register(freshEmail(), PASSWORD, "Rafe");
        RestClient.Response refreshed = rest.post("/api/auth/refresh", null,
                body("refreshToken", registered.text("refreshToken")));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().path("user").path("id").asText())
                .isEqualTo(registered.json().path("user").path("id").asText());

        RestClient.Response me = rest.get("/api/auth/me", refreshed.text("accessToken"));
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.text("name")).isEqualTo("Rafe");
        RestClient.Response again = rest.post("/api/auth/refresh", null, body("refreshToken", refreshed.text("refreshToken")));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
    }

    @Test
    void refreshTokenIsRefusedAsAccessTokenAndAccessTokenAsRefreshToken() {
        RestClient.Response registered = register(freshEmail(), PASSWORD, "Tess");

        RestClient.Response meWithRefresh = rest.get("/api/auth/me", registered.text("refreshToken"));
        assertThat(meWithRefresh.status()).isEqualTo(401);
        assertThat(meWithRefresh.code()).isEqualTo("INVALID_TOKEN");
        assertThat(meWithRefresh.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        RestClient.Response refreshWithAccess = rest.post("/api/auth/refresh", null,
                body("refreshToken", registered.text("accessToken")));
        assertThat(refreshWithAccess.status()).isEqualTo(401);
        assertThat(refreshWithAccess.code()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void registeringAnEmailTwiceInAnyCaseIsAConflict() {
        String email = freshEmail();
        assertThat(register(email, PASSWORD, "First").status()).isEqualTo(201);

        RestClient.Response second = register(email.toUpperCase(), PASSWORD, "Second");
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String email = freshEmail();
        register(email, PASSWORD, "Wanda");

        RestClient.Response wrongPassword = rest.post("/api/auth/login", null, body("email", email, "password", "not the password"));
        RestClient.Response unknownEmail = rest.post("/api/auth/login", null,
                body("email", freshEmail(), "password", PASSWORD));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(unknownEmail.raw()).isEqualTo(wrongPassword.raw());
    }

    @Test
    void shortPasswordIsRefusedAndCreatesNoAccount() {
        String email = freshEmail();
        RestClient.Response response = register(email, "short", "Sam");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.text("detail")).contains("password");

        assertThat(register(email, PASSWORD, "Sam").status()).isEqualTo(201); // the e-mail is still free
    }

    @Test
    void missingOrMistypedFieldsAreValidationErrors() {
        RestClient.Response noEmail = rest.post("/api/auth/register", null, body("password", PASSWORD, "name", "N"));
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.text("detail")).contains("email");

        RestClient.Response numericPassword = rest.post("/api/auth/login", null, body("email", freshEmail(), "password", 12345678));
        assertThat(numericPassword.status()).isEqualTo(400);
        assertThat(numericPassword.code()).isEqualTo("VALIDATION_FAILED");

        RestClient.Response badEmail = register("not-an-address", PASSWORD, "N");
        assertThat(badEmail.status()).isEqualTo(400);
    }

    @Test
    void visitorSessionWorksOnMeAndOnASocket() throws Exception {
        RestClient.Response visitor = rest.post("/api/auth/visitor", null, body("name", "Vera"));
        assertThat(visitor.status()).as(visitor.toString()).isEqualTo(201);
        assertThat(visitor.json().has("refreshToken")).isFalse();
        String token = visitor.text("accessToken");

        RestClient.Response me = rest.get("/api/auth/me", token);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.text("kind")).isEqualTo("visitor");
        assertThat(me.text("role")).isEqualTo("customer");
        assertThat(me.text("name")).isEqualTo("Vera");
        assertThat(me.text("id")).isEqualTo(visitor.json().path("user").path("id").asText());

        try (SocketClient socket = SocketClient.connect(server.url(), token, "websocket")) {
            assertThat(socket.raw().connected()).isTrue();
            var ack = socket.call("chat:get_unread_count", SocketClient.json());
            assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
            assertThat(ack.getJSONObject("data").getLong("total")).isZero();
        }
    }

    @Test
    void visitorWithoutANameIsCalledVisitor() {
        RestClient.Response visitor = rest.post("/api/auth/visitor", null, null);
        assertThat(visitor.status()).as(visitor.toString()).isEqualTo(201);
        assertThat(visitor.json().path("user").path("name").asText()).isEqualTo("Visitor");
        assertThat(visitor.json().path("user").path("kind").asText()).isEqualTo("visitor");
    }

    @Test
    void aRefreshTokenWorksOnceAndItsReuseSignsOutTheWholeSession() {
        RestClient.Response registered = register(freshEmail(), PASSWORD, "Reuse");
        String stolen = registered.text("refreshToken");
        RestClient.Response owner = rest.post("/api/auth/refresh", null, body("refreshToken", stolen));
        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);

        RestClient.Response replay = rest.post("/api/auth/refresh", null, body("refreshToken", stolen));
        Problems.assertProblem(replay, 401, "INVALID_TOKEN");
        RestClient.Response successor = rest.post("/api/auth/refresh", null,
                body("refreshToken", owner.text("refreshToken")));
        Problems.assertProblem(successor, 401, "INVALID_TOKEN");

        RestClient.Response login = rest.post("/api/auth/login", null,
                body("email", registered.json().path("user").path("email").asText(), "password", PASSWORD));
        assertThat(login.status()).as("signing in again starts a new session").isEqualTo(200);
        assertThat(rest.post("/api/auth/refresh", null, body("refreshToken", login.text("refreshToken"))).status())
                .isEqualTo(200);
    }

    @Test
    void logoutRevokesTheRefreshTokenButNotOtherSignIns() {
        String email = freshEmail();
        RestClient.Response laptop = register(email, PASSWORD, "Two Devices");
        RestClient.Response phone = rest.post("/api/auth/login", null, body("email", email, "password", PASSWORD));

        RestClient.Response logout = rest.post("/api/auth/logout", null, body("refreshToken", laptop.text("refreshToken")));
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);

        Problems.assertProblem(rest.post("/api/auth/refresh", null, body("refreshToken", laptop.text("refreshToken"))),
                401, "INVALID_TOKEN");
        assertThat(rest.post("/api/auth/refresh", null, body("refreshToken", phone.text("refreshToken"))).status())
                .isEqualTo(200);
        Problems.assertProblem(rest.post("/api/auth/logout", null, body("refreshToken", "not-a-token")),
                401, "INVALID_TOKEN");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountsSignInForAWhileAndNoOtherAccount() {
        String email = freshEmail();
        String other = freshEmail();
        assertThat(register(email, PASSWORD, "Target").status()).isEqualTo(201);
        assertThat(register(other, PASSWORD, "Bystander").status()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            Problems.assertProblem(rest.post("/api/auth/login", null, body("email", email, "password", "guess " + i)),
                    401, "INVALID_CREDENTIALS");
        }

        RestClient.Response locked = rest.post("/api/auth/login", null, body("email", email, "password", PASSWORD));
        Problems.assertProblem(locked, 429, "RATE_LIMITED");
        assertThat(rest.post("/api/auth/login", null, body("email", other, "password", PASSWORD)).status())
                .isEqualTo(200);
    }
}
