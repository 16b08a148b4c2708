package dev.switchboard.routing;

import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One shift of an agent's schedule (C8): a UTC range in which they are expected at the desk, with
 * an optional note. Valid on construction: starts before it ends, lasts at most {@link #MAX_LENGTH}.
 */
public record Shift(String id, UserId agent, Instant startsAt, Instant endsAt, String note) {
    public static final Duration MAX_LENGTH = Duration.ofHours(24);
    public static final int MAX_NOTE = 500;

    public Shift {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        if (startsAt == null || endsAt == null) throw SwitchboardException.invalid("a shift needs startsAt and endsAt");
        if (!startsAt.isBefore(endsAt)) throw SwitchboardException.invalid("a shift must start before it ends");
        if (Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            throw SwitchboardException.invalid("a shift lasts at most " + MAX_LENGTH.toHours() + " hours");
        }
        note = note == null ? "" : note.strip();
        if (note.length() > MAX_NOTE || note.indexOf('\0') >= 0) {
            throw SwitchboardException.invalid("a shift's note is at most " + MAX_NOTE + " characters");
        }
    }

    public boolean covers(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
