package dev.switchboard.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;

/**
 * Issues and verifies the JWTs that carry identity (capability C2).
 *
 * <p>Access tokens are HS256 with {@code jwtSecret}: the ones Switchboard issues and the ones a host
 * application mints with the same shared secret (claims {@code sub}, {@code role}, {@code name},
 * {@code email}, {@code status}; only {@code sub} is required, {@code exp} and {@code nbf} are
 * honoured when present). With a JWKS URL, RS256 access tokens from an identity provider are
 * accepted too. Refresh tokens are HS256 with the separate {@code refreshSecret} and a
 * {@code typ: "refresh"} claim; each kind of token is refused where the other is expected.
 *
 * <p>Accepted algorithms are exactly HS256 and (with a JWKS URL) RS256. Pinning one algorithm per
 * key closes algorithm-confusion attacks; HS384/HS512 are refused because the seeds' Node.js
 * services mint with jsonwebtoken's default HS256, and a host that wants another can be supported
 * when someone needs it. {@code alg: none} and encrypted tokens are always refused.
 *
 * <p>Every refusal is a {@link SwitchboardException} with {@link ErrorCode#TOKEN_EXPIRED} or
 * {@link ErrorCode#INVALID_TOKEN} (or {@link ErrorCode#UNAVAILABLE} when the JWKS cannot be fetched)
 * and a message naming the precise reason; messages never contain the token. Thread-safe. HS256
 * work is microseconds; RS256 verification may block on a JWKS fetch, so call it off the event loop.
 */
public final class TokenService {

    /** Tolerated difference between our clock and the clock of whoever minted the token. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /**
     * Visitors get no refresh token, so their token must outlive a support conversation and a page
     * reload or two; a day bounds the damage of a leaked widget token.
     */
    public static final Duration VISITOR_TOKEN_TTL = Duration.ofHours(24);
    /** Real tokens are well under 2 KiB; parsing megabytes of base64 is a cheap denial of service. */
    static final int MAX_TOKEN_CHARS = 8 * 1024;
    static final String REFRESH_TYPE = "refresh";

    private final Clock clock;
    private final String issuer;
    private final Duration accessTokenTtl;
    private final Duration refreshTokenTtl;
    private final JWSSigner accessSigner;
    private final JWSSigner refreshSigner;
    private final JWSVerifier accessVerifier;
    private final JWSVerifier refreshVerifier;
    private final JwksVerifier jwks;
    private final SecureRandom random = new SecureRandom();

    public TokenService(TokenSettings security, Clock clock) {
        Objects.requireNonNull(security);
        this.clock = Objects.requireNonNull(clock);
        this.issuer = blankToNull(security.issuer());
        this.accessTokenTtl = security.accessTokenTtl();
        this.refreshTokenTtl = security.refreshTokenTtl();
        byte[] accessKey = security.jwtSecret().getBytes(StandardCharsets.UTF_8);
        byte[] refreshKey = security.refreshSecret().getBytes(StandardCharsets.UTF_8);
        try {
            this.accessSigner = new MACSigner(accessKey);
            this.refreshSigner = new MACSigner(refreshKey);
            this.accessVerifier = new MACVerifier(accessKey);
            this.refreshVerifier = new MACVerifier(refreshKey);
        } catch (JOSEException e) {
            // ServerConfig.Security requires 256-bit secrets; a shorter one from another TokenSettings is refused here.
            throw new IllegalArgumentException("token secrets are unusable for HS256", e);
        }
        String jwksUrl = blankToNull(security.jwksUrl());
        this.jwks = jwksUrl == null ? null : new JwksVerifier(jwksUrl);
    }

    /** Verifies an access token (ours, a host application's, or an RS256 one from the JWKS). */
    public TokenClaims verifyAccess(String token) {
        SignedJWT jwt = parseSigned(token);
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (JWSAlgorithm.HS256.equals(alg)) {
            if (!verifies(jwt, accessVerifier)) {
                throw invalid(verifies(jwt, refreshVerifier)
                        ? "a refresh token is not accepted as an access token"
                        : "token signature does not verify");
            }
        } else if (JWSAlgorithm.RS256.equals(alg)) {
            if (jwks == null) throw invalid("alg RS256 is not accepted: no JWKS URL is configured");
            jwks.verify(jwt);
        } else {
            throw invalid("alg " + alg + " is not accepted (HS256, or RS256 with a JWKS URL)");
        }
        JWTClaimsSet claims = claims(jwt);
        if (REFRESH_TYPE.equals(stringClaim(claims, "typ"))) {
            throw invalid("a refresh token is not accepted as an access token");
        }
        checkTimes(claims);
        checkIssuer(claims);
        return new TokenClaims(subject(claims), stringClaim(claims, "role"), stringClaim(claims, "name"),
                stringClaim(claims, "email"), stringClaim(claims, "status"), toInstant(claims.getExpirationTime()),
                kind(claims));
    }

    /** Verifies a refresh token: only {@code refreshSecret} signatures with {@code typ: "refresh"}. */
    public RefreshClaims verifyRefresh(String token) {
        SignedJWT jwt = parseSigned(token);
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.HS256.equals(alg)) throw invalid("alg " + alg + " is not accepted for refresh tokens");
        if (!verifies(jwt, refreshVerifier)) {
            throw invalid(verifies(jwt, accessVerifier)
                    ? "an access token is not accepted as a refresh token"
                    : "token signature does not verify");
        }
        JWTClaimsSet claims = claims(jwt);
        if (!REFRESH_TYPE.equals(stringClaim(claims, "typ"))) throw invalid("token is not a refresh token");
        if (claims.getExpirationTime() == null) throw invalid("refresh token has no exp claim");
        checkTimes(claims);
        checkIssuer(claims);
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) throw invalid("refresh token has no jti claim");
        return new RefreshClaims(subject(claims), jti, stringClaim(claims, "fam"), claims.getExpirationTime().toInstant());
    }

    /** Issues an access token and a refresh token that starts a new family (a sign-in). */
    public IssuedTokens issue(String subject, String role, String name, String email) {
        return issue(subject, role, name, email, randomId());
    }

    /**
     * Issues an access token and a refresh token for a built-in account; the refresh token belongs to
     * {@code familyId} (claim {@code fam}), the sign-in it descends from.
     */
    public IssuedTokens issue(String subject, String role, String name, String email, String familyId) {
        requireText(subject, "subject");
        requireText(familyId, "familyId");
        requireText(role, "role");
        Instant now = now();
        Instant accessExpiresAt = now.plus(accessTokenTtl);
        JWTClaimsSet access = base(subject, now, accessExpiresAt)
                .claim("role", role).claim("name", name).claim("email", email)
                .build();
        Instant refreshExpiresAt = now.plus(refreshTokenTtl);
        String refreshId = randomId();
        JWTClaimsSet refresh = base(subject, now, refreshExpiresAt)
                .claim("typ", REFRESH_TYPE).claim("fam", familyId).jwtID(refreshId)
                .build();
        return new IssuedTokens(sign(access, accessSigner), accessExpiresAt, sign(refresh, refreshSigner),
                refreshExpiresAt, refreshId, familyId);
    }

    /** Issues an access token for an anonymous widget visitor: role {@code customer}, kind {@code visitor}. */
    public AccessToken issueVisitor(String subject, String name) {
        requireText(subject, "subject");
        Instant now = now();
        Instant expiresAt = now.plus(VISITOR_TOKEN_TTL);
        JWTClaimsSet claims = base(subject, now, expiresAt)
                .claim("role", "customer").claim("name", name).claim("kind", TokenClaims.Kind.VISITOR.claim())
                .build();
        return new AccessToken(sign(claims, accessSigner), expiresAt);
    }

    private SignedJWT parseSigned(String token) {
        if (token == null || token.isBlank()) throw invalid("token is missing");
        if (token.length() > MAX_TOKEN_CHARS) throw invalid("token is longer than " + MAX_TOKEN_CHARS + " characters");
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.strip());
        } catch (ParseException e) {
            throw new SwitchboardException(ErrorCode.INVALID_TOKEN, "token is malformed: " + e.getMessage(), e);
        }
        return switch (jwt) {
            case PlainJWT plain -> throw invalid("alg none is not accepted");
            case EncryptedJWT encrypted -> throw invalid("encrypted tokens (JWE) are not accepted");
            case SignedJWT signed when signed.getHeader().getCriticalParams() != null ->
                    throw invalid("tokens with critical header parameters are not accepted");
            case SignedJWT signed -> signed;
            default -> throw invalid("token is malformed: not a JWS");
        };
    }

    private static boolean verifies(SignedJWT jwt, JWSVerifier verifier) {
        try {
            return jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new SwitchboardException(ErrorCode.INVALID_TOKEN, "token claims are malformed: " + e.getMessage(), e);
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Instant exp = toInstant(claims.getExpirationTime());
        if (exp != null && !now.isBefore(exp.plus(CLOCK_SKEW))) {
            throw new SwitchboardException(ErrorCode.TOKEN_EXPIRED, "token expired at " + exp);
        }
        Instant nbf = toInstant(claims.getNotBeforeTime());
        if (nbf != null && now.isBefore(nbf.minus(CLOCK_SKEW))) {
            throw invalid("token is not valid before " + nbf);
        }
    }

    private void checkIssuer(JWTClaimsSet claims) {
        if (issuer == null) return;
        String iss = claims.getIssuer();
        if (iss == null) throw invalid("token has no iss claim; " + issuer + " is required");
        if (!issuer.equals(iss)) throw invalid("token issuer " + iss + " is not " + issuer);
    }

    private static String subject(JWTClaimsSet claims) {
        String sub = stringClaim(claims, "sub");
        if (sub == null || sub.isBlank()) throw invalid("token has no sub claim");
        return sub;
    }

    private static TokenClaims.Kind kind(JWTClaimsSet claims) {
        String kind = stringClaim(claims, "kind");
        if (kind == null || kind.equals(TokenClaims.Kind.USER.claim())) return TokenClaims.Kind.USER;
        if (kind.equals(TokenClaims.Kind.VISITOR.claim())) return TokenClaims.Kind.VISITOR;
        throw invalid("claim kind must be \"user\" or \"visitor\", was \"" + kind + "\"");
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw invalid("claim " + name + " must be a string");
        }
    }

    private JWTClaimsSet.Builder base(String subject, Instant now, Instant expiresAt) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt));
        if (issuer != null) builder.issuer(issuer);
        return builder;
    }

    private static String sign(JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    /** JWT times are whole seconds; truncating here makes the returned instants equal the token's. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String randomId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Instant toInstant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
    }

    private static SwitchboardException invalid(String reason) {
        return new SwitchboardException(ErrorCode.INVALID_TOKEN, reason);
    }
}
