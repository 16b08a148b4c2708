package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.switchboard.identity.IdentityService;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** C1 and C2 through the official Java client: the transports, and who the handshake lets in. */
class HandshakeTest extends ServerPerClassTest {
    @Test
    void connectsOverWebSocketOnly() throws Exception {
        try (SocketClient c = SocketClient.connect(server.url(), customer().token(), "websocket")) {
            assertThat(c.ok("chat:get_unread_count").getLong("total")).isZero();
            assertThat(c.transports()).containsExactly("websocket");
        }
    }

    @Test
    void connectsOverLongPollingOnly() throws Exception {
        try (SocketClient c = SocketClient.connect(server.url(), customer().token(), "polling")) {
            assertThat(c.ok("chat:get_unread_count").getLong("total")).isZero();
            assertThat(c.transports()).containsExactly("polling");
        }
    }

    @Test
    void upgradesFromPollingToWebSocketByDefaultAndKeepsWorking() throws Exception {
        try (SocketClient c = SocketClient.connect(server.url(), customer().token())) {
            assertThat(c.awaitUpgrade()).isEqualTo("websocket");
            assertThat(c.transports()).containsExactly("polling", "websocket");
            assertThat(c.ok("chat:get_unread_count").getLong("total")).isZero();
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"websocket", "polling"})
    void refusesAHandshakeWithoutTokenAsUnauthenticated(String transport) throws Exception {
        assertThat(code(SocketClient.refused(server.url(), null, transport))).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void refusesAnExpiredTokenAsTokenExpired() throws Exception {
        String expired = TestServer.hostToken("customer-" + UUID.randomUUID(), "customer", "Old", Duration.ofMinutes(-5));
        assertThat(code(SocketClient.refused(server.url(), expired))).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void refusesATokenWhosePayloadWasTamperedWith() throws Exception {
        String token = customer().token();
        String[] parts = token.split("\\.");
        JSONObject claims = new JSONObject(decode(parts[1]));
        claims.put("role", "admin");
        String tampered = parts[0] + "." + encode(claims.toString()) + "." + parts[2];

        JSONObject error = SocketClient.refused(server.url(), tampered);

        assertThat(code(error)).isEqualTo("INVALID_TOKEN");
        assertThat(error.toString()).doesNotContain(parts[2]); // a refusal never echoes the token
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() throws Exception {
        String forged = TestServer.sign(claims("customer-" + UUID.randomUUID()).build(),
                "some-other-secret-0123456789-abcdefghijklmnop");
        assertThat(code(SocketClient.refused(server.url(), forged))).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void refusesAnUnsignedTokenWithAlgNone() throws Exception {
        String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = encode(claims("admin-" + UUID.randomUUID()).claim("role", "admin").build().toString());
        assertThat(code(SocketClient.refused(server.url(), header + "." + payload + "."))).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void refusesARefreshTokenUsedAsAnAccessToken() throws Exception {
        IdentityService.Session session = server.server().services().identity()
                .register("rita-" + UUID.randomUUID() + "@example.test", "correct horse battery".toCharArray(), "Rita");

        assertThat(code(SocketClient.refused(server.url(), session.tokens().refreshToken()))).isEqualTo("INVALID_TOKEN");
        try (SocketClient c = SocketClient.connect(server.url(), session.tokens().accessToken(), "websocket")) {
            assertThat(c.isConnected()).isTrue(); // the same session's access token is fine
        }
    }

    @Test
    void refusesAnInactiveUserAsAccountInactive() throws Exception {
        String id = "customer-" + UUID.randomUUID();
        String inactive = TestServer.sign(claims(id).claim("status", "inactive").build(), TestServer.JWT_SECRET);
        assertThat(code(SocketClient.refused(server.url(), inactive, "websocket"))).isEqualTo("ACCOUNT_INACTIVE");
    }

    @Test
    void refusesATokenWithARoleTheServerDoesNotKnow() throws Exception {
        String odd = TestServer.sign(claims("customer-" + UUID.randomUUID()).claim("role", "superuser").build(),
                TestServer.JWT_SECRET);
        assertThat(code(SocketClient.refused(server.url(), odd))).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void refusesATokenNotValidYet() throws Exception {
        String early = TestServer.sign(claims("customer-" + UUID.randomUUID())
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build(), TestServer.JWT_SECRET);
        assertThat(code(SocketClient.refused(server.url(), early))).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void anAnonymousVisitorConnectsWithTheirSessionToken() throws Exception {
        IdentityService.VisitorSession visitor = server.server().services().identity().visitor("Vic", null);
        TestServer.TestUser agent = server.user("Abe", "agent");
        try (SocketClient v = SocketClient.connect(server.url(), visitor.token().token(), "websocket");
                SocketClient a = SocketClient.connect(server.url(), agent.token(), "websocket")) {
            v.ok("send-message", SocketClient.json("receiverId", agent.id(), "message", "hi, just browsing"));
            assertThat(a.nextObject("receive-message").getString("senderId")).isEqualTo(visitor.user().id().value());
        }
    }

    @Test
    void refusesAVisitorTokenForAVisitorTheServerNeverStarted() throws Exception {
        String forged = TestServer.sign(claims("v_" + UUID.randomUUID().toString().replace("-", ""))
                .claim("kind", "visitor").build(), TestServer.JWT_SECRET);
        assertThat(code(SocketClient.refused(server.url(), forged))).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void acceptsTheTokenAsAQueryParameter() throws Exception {
        TestServer.TestUser user = customer();
        try (SocketClient c = SocketClient.connect(server.url(),
                SocketClient.options(null, "websocket").setQuery("token=" + user.token()).build())) {
            assertThat(c.ok("chat:get_user_status", SocketClient.json("userId", user.id())).getBoolean("online")).isTrue();
        }
    }

    @Test
    void acceptsABearerPrefixInAuthToken() throws Exception {
        TestServer.TestUser user = customer();
        try (SocketClient c = SocketClient.connect(server.url(), "Bearer " + user.token(), "polling")) {
            assertThat(c.ok("chat:get_user_status", SocketClient.json("userId", user.id())).getBoolean("online")).isTrue();
        }
    }

    private static TestServer.TestUser customer() {
        return server.user("Cleo", "customer");
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("role", "customer")
                .claim("name", "Mallory")
                .claim("status", "active")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    private static String code(JSONObject connectError) throws Exception {
        JSONObject data = connectError.optJSONObject("data");
        assertThat(data).as("connect_error data in %s", connectError).isNotNull();
        return data.getString("code");
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
