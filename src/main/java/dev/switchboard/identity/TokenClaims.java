package dev.switchboard.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified access token says about its bearer. Claims are passed on as the token carries
 * them: {@code role} and {@code status} are raw strings (a host application may use its own
 * vocabulary, e.g. "technician" or "user"); mapping them onto Switchboard's roles and refusing
 * inactive accounts is the caller's business.
 *
 * @param subject the {@code sub} claim: the bearer's user id in the issuing application; never blank
 * @param role the {@code role} claim, or {@code null} when the token has none
 * @param name the {@code name} claim, or {@code null}
 * @param email the {@code email} claim, or {@code null}
 * @param status the {@code status} claim (seed 001: only "active" accounts may connect), or {@code null}
 * @param expiresAt the {@code exp} claim, or {@code null} for a host-minted token without expiry
 * @param kind whether the bearer is a signed-in user or an anonymous widget visitor
 */
public record TokenClaims(
        String subject, String role, String name, String email, String status, Instant expiresAt, Kind kind) {

    public TokenClaims {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) throw new IllegalArgumentException("subject must not be blank");
        Objects.requireNonNull(kind, "kind");
    }

    /** The {@code kind} claim: absent or "user" for accounts, "visitor" for anonymous widget sessions. */
    public enum Kind {
        USER("user"),
        VISITOR("visitor");

        private final String claim;

        Kind(String claim) {
            this.claim = claim;
        }

        /** The value of the {@code kind} claim in a token. */
        public String claim() {
            return claim;
        }
    }
}
