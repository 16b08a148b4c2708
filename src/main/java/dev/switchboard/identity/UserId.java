package dev.switchboard.identity;

import dev.switchboard.common.SwitchboardException;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a user. Host applications put arbitrary strings in their tokens' {@code sub}, so the
 * only rules are the ones storage needs: not blank, at most {@value #MAX_LENGTH} characters, no NUL
 * (PostgreSQL cannot store it). Invalid ids usually come from the wire, hence VALIDATION_FAILED.
 */
public record UserId(String value) {
    public static final int MAX_LENGTH = 128;
    private static final String VISITOR_PREFIX = "v_";

    public UserId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH || value.indexOf('\0') >= 0) {
            throw SwitchboardException.invalid("user id must be 1.." + MAX_LENGTH + " characters");
        }
    }

    /** A fresh id for a built-in account. */
    public static UserId newLocal() {
        return new UserId(UUID.randomUUID().toString());
    }

    /** A fresh id for an anonymous visitor; the prefix makes visitors recognizable in logs and lists. */
    public static UserId newVisitor() {
        return new UserId(VISITOR_PREFIX + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
