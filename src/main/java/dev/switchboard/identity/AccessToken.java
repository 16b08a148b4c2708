package dev.switchboard.identity;

import java.time.Instant;
import java.util.Objects;

/** A lone access token without a refresh token, as issued to anonymous widget visitors. */
public record AccessToken(String token, Instant expiresAt) {
    public AccessToken {
        Objects.requireNonNull(token);
        Objects.requireNonNull(expiresAt);
    }

    /** Tokens are credentials: keep them out of logs. */
    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
