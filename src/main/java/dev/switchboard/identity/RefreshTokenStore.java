package dev.switchboard.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * Remembers issued refresh tokens by their id (port; the adapter lives in {@code jdbc}) so that each
 * is used once. Tokens descending from one sign-in form a family; reusing a spent token revokes the
 * family, because only a thief or a replay can present a token that was already exchanged.
 */
public interface RefreshTokenStore {
    /** Records a freshly issued token. */
    void issued(IssuedRefresh token);

    /**
     * Spends the token atomically: of two concurrent uses exactly one gets {@link Use#SPENT}.
     * Unknown, expired, revoked or already used tokens are refused; a reuse also revokes the family.
     */
    Use spend(String tokenId, Instant at);

    /** Revokes every token of the family the given token belongs to (sign-out); false if unknown. */
    boolean revokeFamilyOf(String tokenId, Instant at);

    /** Revokes every refresh token of the user (deactivation, password change). */
    void revokeAllOf(UserId user, Instant at);

    /** Forgets tokens that expired before {@code before}; returns how many. */
    int purgeExpired(Instant before);

    record IssuedRefresh(String id, String familyId, UserId user, Instant issuedAt, Instant expiresAt) {
        public IssuedRefresh {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(familyId, "familyId");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** What spending a token found. */
    enum Use {
        /** It was valid and is now used; issue its successor in the same family. */
        SPENT,
        /** It had been used before: the family is now revoked. */
        REUSED,
        /** Never issued here, expired, or revoked. */
        REFUSED
    }
}
