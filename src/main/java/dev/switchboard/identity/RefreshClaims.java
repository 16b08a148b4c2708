package dev.switchboard.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified refresh token says. {@code tokenId} is the token's random {@code jti}, so a store
 * can remember used or revoked refresh tokens and refuse a replay; {@code familyId} names the
 * sign-in it descends from (null in tokens issued before families existed).
 */
public record RefreshClaims(String subject, String tokenId, String familyId, Instant expiresAt) {
    public RefreshClaims {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(tokenId);
        Objects.requireNonNull(expiresAt);
    }
}
