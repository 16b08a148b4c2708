package dev.switchboard.identity;

import java.time.Duration;

/**
 * What {@link TokenService} needs to know: secrets, lifetimes, the optional JWKS URL and issuer.
 * Defined here so that identity does not depend on the application's configuration; the
 * configuration ({@code app.ServerConfig.Security}) implements it and validates the values.
 */
public interface TokenSettings {
    /** Signs and verifies HS256 access tokens; at least 32 bytes. */
    String jwtSecret();

    /** Signs and verifies refresh tokens; at least 32 bytes, different from {@link #jwtSecret()}. */
    String refreshSecret();

    Duration accessTokenTtl();

    Duration refreshTokenTtl();

    /** Null or blank: no RS256 tokens. */
    String jwksUrl();

    /** Null or blank: the {@code iss} claim is neither set nor checked. */
    String issuer();
}
