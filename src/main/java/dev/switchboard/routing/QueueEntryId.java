package dev.switchboard.routing;

import dev.switchboard.common.SwitchboardException;
import java.util.Objects;
import java.util.UUID;

/** Identifies one queue session of a customer: from joining the queue until the chat ends. */
public record QueueEntryId(String value) {
    public static final int MAX_LENGTH = 128;

    public QueueEntryId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH || value.indexOf('\0') >= 0) {
            throw SwitchboardException.invalid("queue entry id must be 1.." + MAX_LENGTH + " characters");
        }
    }

    public static QueueEntryId random() {
        return new QueueEntryId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
