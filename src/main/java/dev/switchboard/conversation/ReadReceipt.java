package dev.switchboard.conversation;

import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a participant has read a conversation.
 *
 * @param lastReadSeq every message with a seq up to this one counts as read; never decreases
 * @param readAt      when {@code lastReadSeq} last advanced (the join time if it never did)
 */
public record ReadReceipt(ConversationId conversationId, UserId userId, long lastReadSeq, Instant readAt) {
    public ReadReceipt {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(readAt, "readAt");
    }
}
