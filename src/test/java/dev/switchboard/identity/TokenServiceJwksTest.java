package dev.switchboard.identity;

import static dev.switchboard.identity.TokenServiceTest.JWT_SECRET;
import static dev.switchboard.identity.TokenServiceTest.REFRESH_SECRET;
import static dev.switchboard.identity.TokenServiceTest.T0;
import static dev.switchboard.identity.TokenServiceTest.assertRefused;
import static dev.switchboard.identity.TokenServiceTest.fixed;
import static dev.switchboard.identity.TokenServiceTest.hostToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.app.ServerConfig;
import dev.switchboard.common.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RS256 tokens checked against a JWKS served by a real HTTP server on the loopback interface. */
class TokenServiceJwksTest {

    private static RSAKey published;
    private static RSAKey unpublishedSameKid;

    private HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeAll
    static void generateKeys() throws Exception {
        published = new RSAKeyGenerator(2048).keyID("key-1").generate();
        unpublishedSameKid = new RSAKeyGenerator(2048).keyID("key-1").generate();
    }

    @BeforeEach
    void serveJwks() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(published.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void acceptsAnRs256TokenSignedByAPublishedKey() {
        String token = rs256(published, "key-1", claims().claim("role", "agent").claim("email", "a@idp.example")
                .expirationTime(Date.from(T0.plusSeconds(600))).build());

        TokenClaims claims = service(jwksUrl()).verifyAccess(token);

        assertThat(claims.subject()).isEqualTo("idp|123");
        assertThat(claims.role()).isEqualTo("agent");
        assertThat(claims.email()).isEqualTo("a@idp.example");
        assertThat(claims.expiresAt()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void fetchesTheJwksOnceAndCachesIt() {
        TokenService service = service(jwksUrl());
        String token = rs256(published, "key-1", claims().build());

        service.verifyAccess(token);
        service.verifyAccess(token);
        service.verifyAccess(rs256(published, null, claims().build()));

        assertThat(fetches).hasValue(1);
    }

    @Test
    void refusesAnRs256TokenSignedByAKeyThatIsNotPublished() {
        String token = rs256(unpublishedSameKid, "key-1", claims().build());

        assertRefused(() -> service(jwksUrl()).verifyAccess(token), ErrorCode.INVALID_TOKEN,
                "token signature does not verify");
    }

    @Test
    void refusesAnRs256TokenWithAnUnknownKeyId() {
        String token = rs256(published, "key-2", claims().build());

        assertRefused(() -> service(jwksUrl()).verifyAccess(token), ErrorCode.INVALID_TOKEN,
                "no RS256 key in the JWKS has kid key-2");
    }

    @Test
    void refusesAnExpiredRs256TokenAsExpired() {
        String token = rs256(published, "key-1", claims().expirationTime(Date.from(T0.minusSeconds(60))).build());

        assertRefused(() -> service(jwksUrl()).verifyAccess(token), ErrorCode.TOKEN_EXPIRED,
                "token expired at 2026-03-01T11:59:00Z");
    }

    @Test
    void refusesRs256WhenNoJwksUrlIsConfigured() {
        String token = rs256(published, "key-1", claims().build());

        assertRefused(() -> service(null).verifyAccess(token), ErrorCode.INVALID_TOKEN,
                "alg RS256 is not accepted: no JWKS URL is configured");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void stillAcceptsHs256TokensWhenAJwksUrlIsConfigured() {
        String token = hostToken(JWT_SECRET, claims().build());

        assertThat(service(jwksUrl()).verifyAccess(token).subject()).isEqualTo("idp|123");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void reportsAnUnreachableJwksAsUnavailableRatherThanAsABadToken() {
        String unreachable = jwksUrl();
        server.stop(0);
        String token = rs256(published, "key-1", claims().build());

        assertRefused(() -> service(unreachable).verifyAccess(token), ErrorCode.UNAVAILABLE,
                "the JWKS for RS256 tokens could not be fetched");
    }

    private String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private static TokenService service(String jwksUrl) {
        return new TokenService(new ServerConfig.Security(JWT_SECRET, REFRESH_SECRET, Duration.ofMinutes(15),
                Duration.ofDays(30), jwksUrl, null), fixed(T0));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("idp|123").issueTime(Date.from(T0));
    }

    private static String rs256(RSAKey key, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
