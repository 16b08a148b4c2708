package dev.switchboard.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified refresh token says. {@code tokenId} is the token's random {@code jti}, so a store
 * can remember used or revoked refresh tokens and refuse a replay.
 */
public record RefreshClaims(String subject, String tokenId, Instant expiresAt) {
    public RefreshClaims {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(tokenId);
        Objects.requireNonNull(expiresAt);
    }
}
