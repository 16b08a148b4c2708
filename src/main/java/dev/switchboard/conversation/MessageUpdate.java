package dev.switchboard.conversation;

import dev.switchboard.identity.UserId;
import java.util.List;
import java.util.Objects;

/**
 * An edited or deleted message and who should hear of it: every participant, or only staff
 * participants when the message is an internal note.
 */
public record MessageUpdate(Message message, List<UserId> audience) {
    public MessageUpdate {
        Objects.requireNonNull(message, "message");
        audience = List.copyOf(audience);
    }
}
