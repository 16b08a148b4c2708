package dev.switchboard.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token and the refresh token that renews it, as handed out by login, register and
 * refresh (seed 003). Expiry instants are whole seconds, as they are in the tokens themselves.
 * {@code refreshTokenId} and {@code refreshFamilyId} are the refresh token's {@code jti} and
 * {@code fam} claims, for {@link RefreshTokenStore}.
 */
public record IssuedTokens(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt,
        String refreshTokenId, String refreshFamilyId) {
    public IssuedTokens {
        Objects.requireNonNull(refreshTokenId);
        Objects.requireNonNull(refreshFamilyId);
        Objects.requireNonNull(accessToken);
        Objects.requireNonNull(accessExpiresAt);
        Objects.requireNonNull(refreshToken);
        Objects.requireNonNull(refreshExpiresAt);
    }

    /** Tokens are credentials: keep them out of logs and exception messages that print records. */
    @Override
    public String toString() {
        return "IssuedTokens[accessExpiresAt=" + accessExpiresAt + ", refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
