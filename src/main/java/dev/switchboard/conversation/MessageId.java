package dev.switchboard.conversation;

import dev.switchboard.common.SwitchboardException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The server-assigned id of a message; clients send it back to edit or reference a message. */
public record MessageId(String value) {
    public static final int MAX_LENGTH = 128;

    public MessageId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH || value.indexOf('\0') >= 0) {
            throw SwitchboardException.invalid("message id must be 1.." + MAX_LENGTH + " characters");
        }
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID().toString());
    }

    /**
     * A UUID version 7: the millisecond of {@code at} in its first 48 bits, the rest random. Ids of
     * new messages sort roughly by time, so the database's index on them grows at its end instead of
     * at random places (cheaper to keep up; see docs/performance.md, step 2).
     */
    public static MessageId timeOrdered(Instant at) {
        UUID random = UUID.randomUUID();
        long high = (at.toEpochMilli() << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new MessageId(new UUID(high, random.getLeastSignificantBits()).toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
