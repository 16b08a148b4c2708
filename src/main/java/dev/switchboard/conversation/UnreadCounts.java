package dev.switchboard.conversation;

import java.util.Map;

/**
 * Unread messages of one user.
 *
 * @param byConversation only conversations with at least one unread message
 */
public record UnreadCounts(long total, Map<ConversationId, Long> byConversation) {
    public UnreadCounts {
        byConversation = Map.copyOf(byConversation);
    }

    public static UnreadCounts of(Map<ConversationId, Long> byConversation) {
        long total = byConversation.values().stream().mapToLong(Long::longValue).sum();
        return new UnreadCounts(total, byConversation);
    }

    public long in(ConversationId id) {
        return byConversation.getOrDefault(id, 0L);
    }
}
