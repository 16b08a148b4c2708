package dev.switchboard.conversation;

import dev.switchboard.identity.User;
import java.util.List;
import java.util.Objects;

/**
 * One line of a user's conversation list, seen by that user.
 *
 * @param others      the other participants, with names and roles for display
 * @param lastMessage null while the conversation is empty
 * @param unreadCount messages of others after the user's read position
 */
public record ConversationSummary(Conversation conversation, List<User> others, Message lastMessage, long unreadCount) {
    public ConversationSummary {
        Objects.requireNonNull(conversation, "conversation");
        others = List.copyOf(others);
    }
}
