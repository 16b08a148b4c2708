package dev.switchboard.e2e;

import static dev.switchboard.testing.RestClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import dev.switchboard.testing.TestServer.TestUser;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User management for admins over {@code /api/admin/users}, against a real server. */
class AdminUsersTest {
    private static final String PASSWORD = "initial password 1";

    static TestServer server;
    static RestClient rest;
    static TestUser admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rest = new RestClient(server.url());
        admin = server.known(server.user("Ada Admin", "admin"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String email() {
        return "staff-" + UUID.randomUUID() + "@example.test";
    }

    private static RestClient.Response create(String token, String email, String role) {
        return rest.post("/api/admin/users", token,
                body("email", email, "password", PASSWORD, "name", "New " + role, "role", role));
    }

    private static RestClient.Response patch(String token, String id, Map<String, Object> changes) {
        return rest.send("PATCH", "/api/admin/users/" + id, token, changes, Map.of());
    }

    @Test
    void anAdminCreatesAnAgentWhoCanSignInAsAnAgent() {
        String email = email();
        RestClient.Response created = create(admin.token(), email, "agent");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("role")).isEqualTo("agent");
        assertThat(created.text("kind")).isEqualTo("local");
        assertThat(created.raw()).doesNotContain(PASSWORD);

        RestClient.Response login = rest.post("/api/auth/login", null, body("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().path("user").path("role").asText()).isEqualTo("agent");
    }

    @Test
    void onlyAdminsManageUsers() {
        TestUser agent = server.known(server.user("Arnie Agent", "agent"));
        TestUser customer = server.known(server.user("Cora Customer", "customer"));
        for (TestUser who : new TestUser[] {agent, customer}) {
            Problems.assertProblem(rest.get("/api/admin/users", who.token()), 403, "FORBIDDEN");
            Problems.assertProblem(create(who.token(), email(), "admin"), 403, "FORBIDDEN");
            Problems.assertProblem(patch(who.token(), admin.id(), Map.of("status", "inactive")), 403, "FORBIDDEN");
        }
        Problems.assertProblem(rest.get("/api/admin/users", null), 401, "UNAUTHENTICATED");
    }

    @Test
    void theListPagesThroughEveryAccountOfARoleOnce() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) created.add(create(admin.token(), email(), "manager").text("id"));

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            RestClient.Response page = rest.get("/api/admin/users?role=manager&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), admin.token());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("users").forEach(u -> {
                assertThat(u.path("role").asText()).isEqualTo("manager");
                assertThat(seen.add(u.path("id").asText())).as("no account twice").isTrue();
            });
            cursor = page.json().path("nextCursor").isNull() ? null : page.text("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(seen).containsAll(created);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void deactivatingAUserClosesTheirConnectionsAndRevokesTheirSignIn() throws Exception {
        String email = email();
        String id = create(admin.token(), email, "agent").text("id");
        RestClient.Response login = rest.post("/api/auth/login", null, body("email", email, "password", PASSWORD));
        try (SocketClient socket = SocketClient.connect(server.url(), login.text("accessToken"), "websocket")) {
            CompletableFuture<Object> disconnected = new CompletableFuture<>();
            socket.raw().once(io.socket.client.Socket.EVENT_DISCONNECT,
                    a -> disconnected.complete(a.length > 0 ? a[0] : "disconnected"));
            RestClient.Response off = patch(admin.token(), id, Map.of("status", "inactive"));
            assertThat(off.status()).as(off.toString()).isEqualTo(200);
            assertThat(off.text("status")).isEqualTo("inactive");

            assertThat(disconnected.get(SocketClient.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .as("the server ended the connection").isEqualTo("io server disconnect");
        }
        Problems.assertProblem(rest.post("/api/auth/refresh", null, body("refreshToken", login.text("refreshToken"))),
                401, "INVALID_TOKEN");
        Problems.assertProblem(rest.post("/api/auth/login", null, body("email", email, "password", PASSWORD)),
                403, "ACCOUNT_INACTIVE");
        assertThat(SocketClient.refused(server.url(), login.text("accessToken")).toString()).contains("ACCOUNT_INACTIVE");

        assertThat(patch(admin.token(), id, Map.of("status", "active")).status()).isEqualTo(200);
        assertThat(rest.post("/api/auth/login", null, body("email", email, "password", PASSWORD)).status())
                .as("reactivated").isEqualTo(200);
    }

    @Test
    void aSuspendedHostUserStaysSuspendedWhateverTheirHostsTokenSays() {
        TestUser hosted = server.known(server.user("Hal Hosted", "customer"));
        RestClient.Response suspended = patch(admin.token(), hosted.id(), Map.of("status", "suspended"));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);

        assertThat(SocketClient.refused(server.url(), hosted.token()).toString()).contains("ACCOUNT_INACTIVE");
        Problems.assertProblem(rest.get("/api/auth/me", hosted.token()), 403, "ACCOUNT_INACTIVE");
        Problems.assertProblem(patch(admin.token(), hosted.id(), Map.of("role", "admin")), 403, "FORBIDDEN");
    }

    @Test
    void anAdminCannotLockThemselvesOutAndBadInputChangesNothing() {
        Problems.assertProblem(patch(admin.token(), admin.id(), Map.of("status", "inactive")), 403, "FORBIDDEN");
        String id = create(admin.token(), email(), "agent").text("id");
        Problems.assertProblem(patch(admin.token(), id, Map.of("role", "wizard")), 400, "VALIDATION_FAILED");
        Problems.assertProblem(patch(admin.token(), id, Map.of("name", "")), 400, "VALIDATION_FAILED");
        Problems.assertProblem(patch(admin.token(), "no-such-user", Map.of("status", "inactive")), 404, "USER_NOT_FOUND");
        Problems.assertProblem(create(admin.token(), "not-an-email", "agent"), 400, "VALIDATION_FAILED");

        RestClient.Response unchanged = rest.get("/api/admin/users/" + id, admin.token());
        assertThat(unchanged.text("role")).isEqualTo("agent");
        assertThat(unchanged.text("name")).isEqualTo("New agent");

        RestClient.Response renamed = patch(admin.token(), id, Map.of("name", "  Renamed  ", "role", "admin"));
        assertThat(renamed.text("name")).isEqualTo("Renamed");
        assertThat(renamed.text("role")).isEqualTo("admin");
    }
}
