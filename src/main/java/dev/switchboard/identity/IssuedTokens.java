package dev.switchboard.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token and the refresh token that renews it, as handed out by login, register and
 * refresh (seed 003). Expiry instants are whole seconds, as they are in the tokens themselves.
 */
public record IssuedTokens(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {
    public IssuedTokens {
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
