package dev.switchboard.conversation;

import dev.switchboard.common.SwitchboardException;
import java.util.Objects;
import java.util.UUID;

/** Identifies a conversation. Server-generated, but clients send them back, so they are validated. */
public record ConversationId(String value) {
    public static final int MAX_LENGTH = 128;

    public ConversationId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH || value.indexOf('\0') >= 0) {
            throw SwitchboardException.invalid("conversation id must be 1.." + MAX_LENGTH + " characters");
        }
    }

    public static ConversationId random() {
        return new ConversationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
