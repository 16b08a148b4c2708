package dev.switchboard.conversation;

import java.util.List;

/**
 * A slice of a conversation's messages, always in ascending seq order.
 *
 * @param hasMore whether more messages lie beyond this slice in the direction asked for (older for
 *                history, newer for catch-up)
 */
public record MessagePage(List<Message> messages, boolean hasMore) {
    public MessagePage {
        messages = List.copyOf(messages);
    }
}
