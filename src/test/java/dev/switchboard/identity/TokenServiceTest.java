package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.app.ServerConfig;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    static final String JWT_SECRET = "access-secret-access-secret-access-secret";
    static final String REFRESH_SECRET = "refresh-secret-refresh-secret-refresh-secret";
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private final TokenService atT0 = service(T0);

    @Test
    void issuedAccessTokensVerifyWithAllTheirClaims() {
        IssuedTokens tokens = atT0.issue("u-42", "agent", "Ada Agent", "ada@example.com");

        TokenClaims claims = atT0.verifyAccess(tokens.accessToken());

        assertThat(claims).isEqualTo(new TokenClaims("u-42", "agent", "Ada Agent", "ada@example.com", null,
                T0.plus(Duration.ofMinutes(15)), TokenClaims.Kind.USER));
        assertThat(tokens.accessExpiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(tokens.refreshExpiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken());
    }

    @Test
    void leavesOutNameAndEmailWhenTheyAreUnknown() {
        TokenClaims claims = atT0.verifyAccess(atT0.issue("u-1", "customer", null, null).accessToken());

        assertThat(claims.name()).isNull();
        assertThat(claims.email()).isNull();
        assertThat(claims.role()).isEqualTo("customer");
    }

    @Test
    void acceptsAnAccessTokenUntilThirtySecondsOfClockSkewAfterItsExpiry() {
        String token = atT0.issue("u-42", "agent", null, null).accessToken();

        assertThat(service(T0.plus(Duration.ofMinutes(15)).plusSeconds(29)).verifyAccess(token).subject())
                .isEqualTo("u-42");
        assertRefused(() -> service(T0.plus(Duration.ofMinutes(15)).plusSeconds(30)).verifyAccess(token),
                ErrorCode.TOKEN_EXPIRED, "token expired at 2026-03-01T12:15:00Z");
    }

    @Test
    void refusesAnExpiredAccessTokenAsExpired() {
        String token = atT0.issue("u-42", "agent", null, null).accessToken();

        assertRefused(() -> service(T0.plus(Duration.ofHours(2))).verifyAccess(token),
                ErrorCode.TOKEN_EXPIRED, "token expired at 2026-03-01T12:15:00Z");
    }

    @Test
    void refusesATokenThatIsNotValidYetBeyondTheClockSkew() {
        String early = hostToken(JWT_SECRET, new JWTClaimsSet.Builder().subject("u-7")
                .notBeforeTime(Date.from(T0.plusSeconds(300))).build());
        String slightlyEarly = hostToken(JWT_SECRET, new JWTClaimsSet.Builder().subject("u-7")
                .notBeforeTime(Date.from(T0.plusSeconds(20))).build());

        assertRefused(() -> atT0.verifyAccess(early), ErrorCode.INVALID_TOKEN,
                "token is not valid before 2026-03-01T12:05:00Z");
        assertThat(atT0.verifyAccess(slightlyEarly).subject()).isEqualTo("u-7");
        assertThat(service(T0.plusSeconds(300)).verifyAccess(early).subject()).isEqualTo("u-7");
    }

    @Test
    void refusesATokenWhosePayloadWasTamperedWith() {
        String[] parts = atT0.issue("u-42", "customer", null, null).accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("\"customer\"", "\"admin\"");
        assertThat(forged).isNotEqualTo(payload);

        String tampered = parts[0] + "." + b64(forged) + "." + parts[2];

        assertRefused(() -> atT0.verifyAccess(tampered), ErrorCode.INVALID_TOKEN, "token signature does not verify");
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        String token = hostToken("some-other-secret-some-other-secret-42", new JWTClaimsSet.Builder().subject("u-1").build());

        assertRefused(() -> atT0.verifyAccess(token), ErrorCode.INVALID_TOKEN, "token signature does not verify");
    }

    @Test
    void refusesUnsignedTokensWithAlgNone() {
        String payload = b64("{\"sub\":\"u-1\",\"role\":\"admin\"}");
        String unsigned = b64("{\"alg\":\"none\"}") + "." + payload + ".";
        String unsignedWithTyp = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
        String capitalised = b64("{\"alg\":\"None\"}") + "." + payload + ".c2ln";

        assertRefused(() -> atT0.verifyAccess(unsigned), ErrorCode.INVALID_TOKEN, "alg none is not accepted");
        assertRefused(() -> atT0.verifyAccess(unsignedWithTyp), ErrorCode.INVALID_TOKEN, "alg none is not accepted");
        assertRefused(() -> atT0.verifyRefresh(unsigned), ErrorCode.INVALID_TOKEN, "alg none is not accepted");
        assertRefused(() -> atT0.verifyAccess(capitalised), ErrorCode.INVALID_TOKEN,
                "alg None is not accepted (HS256, or RS256 with a JWKS URL)");
    }

    @Test
    void acceptsAnHs256TokenMintedByAHostApplicationWithItsClaims() {
        String token = hostToken(JWT_SECRET, new JWTClaimsSet.Builder()
                .subject("64b7f0c2e1")
                .claim("role", "technician").claim("name", "Tess Tech").claim("email", "tess@host.example")
                .claim("status", "active")
                .issueTime(Date.from(T0.minusSeconds(60)))
                .expirationTime(Date.from(T0.plusSeconds(3600)))
                .build());

        assertThat(atT0.verifyAccess(token)).isEqualTo(new TokenClaims("64b7f0c2e1", "technician", "Tess Tech",
                "tess@host.example", "active", T0.plusSeconds(3600), TokenClaims.Kind.USER));
    }

    @Test
    void acceptsAHostTokenWithOnlyASubjectAndNoExpiry() {
        String token = hostToken(JWT_SECRET, new JWTClaimsSet.Builder().subject("u-9").build());

        TokenClaims claims = atT0.verifyAccess(token);

        assertThat(claims.subject()).isEqualTo("u-9");
        assertThat(claims.role()).isNull();
        assertThat(claims.expiresAt()).isNull();
    }

    @Test
    void refusesATokenWithoutSubject() {
        String token = hostToken(JWT_SECRET, new JWTClaimsSet.Builder().claim("role", "admin").build());

        assertRefused(() -> atT0.verifyAccess(token), ErrorCode.INVALID_TOKEN, "token has no sub claim");
    }

    @Test
    void refusesClaimsOfTheWrongType() {
        String token = hostToken(JWT_SECRET, new JWTClaimsSet.Builder().subject("u-1").claim("role", 7).build());
        String badKind = hostToken(JWT_SECRET, new JWTClaimsSet.Builder().subject("u-1").claim("kind", "robot").build());

        assertRefused(() -> atT0.verifyAccess(token), ErrorCode.INVALID_TOKEN, "claim role must be a string");
        assertRefused(() -> atT0.verifyAccess(badKind), ErrorCode.INVALID_TOKEN,
                "claim kind must be \"user\" or \"visitor\", was \"robot\"");
    }

    @Test
    void refusesHs512EvenWhenSignedWithTheRightSecret() throws Exception {
        String longSecret = "x".repeat(64);
        TokenService service = new TokenService(security(longSecret, REFRESH_SECRET, null), fixed(T0));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), new JWTClaimsSet.Builder().subject("u").build());
        jwt.sign(new MACSigner(longSecret.getBytes(StandardCharsets.UTF_8)));

        assertRefused(() -> service.verifyAccess(jwt.serialize()), ErrorCode.INVALID_TOKEN,
                "alg HS512 is not accepted (HS256, or RS256 with a JWKS URL)");
    }

    @Test
    void refusesMalformedTokensWithAReason() {
        assertRefused(() -> atT0.verifyAccess(null), ErrorCode.INVALID_TOKEN, "token is missing");
        assertRefused(() -> atT0.verifyAccess("  "), ErrorCode.INVALID_TOKEN, "token is missing");
        assertRefused(() -> atT0.verifyAccess("x".repeat(9000)), ErrorCode.INVALID_TOKEN,
                "token is longer than 8192 characters");
        for (String garbage : new String[] {"not-a-jwt", "a.b.c", b64("{\"alg\":\"HS256\"}") + ".%%%.sig",
                b64("{\"alg\":\"HS256\"}") + "." + b64("[1,2]") + ".c2ln"}) {
            assertThatThrownBy(() -> atT0.verifyAccess(garbage))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN))
                    .message().as(garbage).containsAnyOf("malformed", "signature");
        }
    }

    @Test
    void refreshTokensCarrySubjectRandomIdAndExpiry() {
        IssuedTokens first = atT0.issue("u-42", "agent", null, null);
        IssuedTokens second = atT0.issue("u-42", "agent", null, null);

        RefreshClaims claims = atT0.verifyRefresh(first.refreshToken());

        assertThat(claims.subject()).isEqualTo("u-42");
        assertThat(claims.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(claims.tokenId()).hasSizeGreaterThanOrEqualTo(22)
                .isNotEqualTo(atT0.verifyRefresh(second.refreshToken()).tokenId());
    }

    @Test
    void refusesARefreshTokenUsedAsAnAccessToken() {
        String refresh = atT0.issue("u-42", "agent", null, null).refreshToken();

        assertRefused(() -> atT0.verifyAccess(refresh), ErrorCode.INVALID_TOKEN,
                "a refresh token is not accepted as an access token");
    }

    @Test
    void refusesAnAccessTokenUsedAsARefreshToken() {
        String access = atT0.issue("u-42", "agent", null, null).accessToken();

        assertRefused(() -> atT0.verifyRefresh(access), ErrorCode.INVALID_TOKEN,
                "an access token is not accepted as a refresh token");
    }

    @Test
    void refusesRefreshTypedTokensSignedWithTheAccessSecretEitherWay() {
        String confused = hostToken(JWT_SECRET, new JWTClaimsSet.Builder().subject("u-1").claim("typ", "refresh")
                .jwtID("j").expirationTime(Date.from(T0.plusSeconds(60))).build());

        assertRefused(() -> atT0.verifyAccess(confused), ErrorCode.INVALID_TOKEN,
                "a refresh token is not accepted as an access token");
        assertRefused(() -> atT0.verifyRefresh(confused), ErrorCode.INVALID_TOKEN,
                "an access token is not accepted as a refresh token");
    }

    @Test
    void refusesRefreshSecretTokensThatLackTheRefreshShape() {
        String untyped = hostToken(REFRESH_SECRET, new JWTClaimsSet.Builder().subject("u-1").jwtID("j")
                .expirationTime(Date.from(T0.plusSeconds(60))).build());
        String noExpiry = hostToken(REFRESH_SECRET, new JWTClaimsSet.Builder().subject("u-1").jwtID("j")
                .claim("typ", "refresh").build());
        String noId = hostToken(REFRESH_SECRET, new JWTClaimsSet.Builder().subject("u-1").claim("typ", "refresh")
                .expirationTime(Date.from(T0.plusSeconds(60))).build());

        assertRefused(() -> atT0.verifyRefresh(untyped), ErrorCode.INVALID_TOKEN, "token is not a refresh token");
        assertRefused(() -> atT0.verifyRefresh(noExpiry), ErrorCode.INVALID_TOKEN, "refresh token has no exp claim");
        assertRefused(() -> atT0.verifyRefresh(noId), ErrorCode.INVALID_TOKEN, "refresh token has no jti claim");
    }

    @Test
    void refusesAnExpiredRefreshTokenAsExpired() {
        String refresh = atT0.issue("u-42", "agent", null, null).refreshToken();

        assertThat(service(T0.plus(Duration.ofDays(29))).verifyRefresh(refresh).subject()).isEqualTo("u-42");
        assertRefused(() -> service(T0.plus(Duration.ofDays(31))).verifyRefresh(refresh),
                ErrorCode.TOKEN_EXPIRED, "token expired at 2026-03-31T12:00:00Z");
    }

    @Test
    void visitorTokensAreCustomerTokensOfKindVisitorThatLastADay() {
        AccessToken visitor = atT0.issueVisitor("visitor-3f9a", "Guest 3f9a");

        TokenClaims claims = atT0.verifyAccess(visitor.token());

        assertThat(claims).isEqualTo(new TokenClaims("visitor-3f9a", "customer", "Guest 3f9a", null, null,
                T0.plus(Duration.ofHours(24)), TokenClaims.Kind.VISITOR));
        assertThat(visitor.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertRefused(() -> atT0.verifyRefresh(visitor.token()), ErrorCode.INVALID_TOKEN,
                "an access token is not accepted as a refresh token");
    }

    @Test
    void requiresTheConfiguredIssuerOnEveryToken() {
        TokenService strict = new TokenService(security(JWT_SECRET, REFRESH_SECRET, "https://chat.example"), fixed(T0));
        IssuedTokens ours = strict.issue("u-1", "admin", null, null);
        String anonymous = hostToken(JWT_SECRET, new JWTClaimsSet.Builder().subject("u-1").build());
        String foreign = hostToken(JWT_SECRET, new JWTClaimsSet.Builder().subject("u-1").issuer("https://evil").build());

        assertThat(strict.verifyAccess(ours.accessToken()).subject()).isEqualTo("u-1");
        assertThat(strict.verifyRefresh(ours.refreshToken()).subject()).isEqualTo("u-1");
        assertRefused(() -> strict.verifyAccess(anonymous), ErrorCode.INVALID_TOKEN,
                "token has no iss claim; https://chat.example is required");
        assertRefused(() -> strict.verifyAccess(foreign), ErrorCode.INVALID_TOKEN,
                "token issuer https://evil is not https://chat.example");
    }

    @Test
    void neverPutsTheTokenIntoTheErrorMessage() {
        String token = atT0.issue("u-42", "agent", null, null).accessToken();

        assertThatThrownBy(() -> service(T0.plus(Duration.ofDays(1))).verifyAccess(token))
                .message().doesNotContain(token).doesNotContain(token.split("\\.")[2]);
        assertThatThrownBy(() -> atT0.verifyRefresh(token))
                .message().doesNotContain(token.split("\\.")[1]);
    }

    static void assertRefused(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    static TokenService service(Instant now) {
        return new TokenService(security(JWT_SECRET, REFRESH_SECRET, null), fixed(now));
    }

    static ServerConfig.Security security(String jwtSecret, String refreshSecret, String issuer) {
        return new ServerConfig.Security(jwtSecret, refreshSecret, Duration.ofMinutes(15), Duration.ofDays(30), null,
                issuer);
    }

    static Clock fixed(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    /** Mints a token the way a host application would: nimbus directly, HS256 with the shared secret. */
    static String hostToken(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
