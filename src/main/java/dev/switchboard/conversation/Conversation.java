package dev.switchboard.conversation;

import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A conversation and its participants.
 *
 * @param updatedAt time of the last activity (creation or latest message); lists sort by it
 * @param lastSeq   sequence number of the latest message, 0 while there is none
 */
public record Conversation(
        ConversationId id, ConversationType type, List<UserId> participants, Instant createdAt, Instant updatedAt,
        long lastSeq) {

    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        participants = List.copyOf(participants);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (lastSeq < 0) throw new IllegalArgumentException("lastSeq must be >= 0");
    }

    public boolean hasParticipant(UserId user) {
        return participants.contains(user);
    }

    /** Everyone in the conversation except {@code user}. */
    public List<UserId> othersThan(UserId user) {
        return participants.stream().filter(p -> !p.equals(user)).toList();
    }
}
