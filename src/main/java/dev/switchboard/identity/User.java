package dev.switchboard.identity;

import dev.switchboard.common.SwitchboardException;
import java.time.Instant;
import java.util.Objects;

/**
 * A user as Switchboard knows it.
 *
 * @param email      may be null (visitors and many host tokens have none)
 * @param lastSeenAt null until the user has been seen online
 */
public record User(
        UserId id, UserKind kind, Role role, String name, String email, UserStatus status, Instant createdAt,
        Instant lastSeenAt) {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_EMAIL_LENGTH = 320;

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        requireStorable("name", name, MAX_NAME_LENGTH);
        if (email != null) requireStorable("email", email, MAX_EMAIL_LENGTH);
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    public User withStatus(UserStatus newStatus) {
        return new User(id, kind, role, name, email, newStatus, createdAt, lastSeenAt);
    }

    // Names and e-mails arrive in tokens and forms; reject what the database would choke on.
    private static void requireStorable(String field, String value, int maxLength) {
        if (value.length() > maxLength || value.indexOf('\0') >= 0) {
            throw SwitchboardException.invalid(field + " must be at most " + maxLength + " characters");
        }
    }
}
