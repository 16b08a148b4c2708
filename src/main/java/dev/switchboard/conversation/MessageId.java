package dev.switchboard.conversation;

import dev.switchboard.common.SwitchboardException;
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

    @Override
    public String toString() {
        return value;
    }
}
