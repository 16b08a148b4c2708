package dev.switchboard.routing;

import dev.switchboard.conversation.ConversationId;
import java.util.List;
import java.util.Map;

/**
 * Hears what the routing service stored, to tell the people concerned (the dialects implement it).
 * Called in the order the changes happened, one batch at a time, after the batch is stored.
 */
@FunctionalInterface
public interface RoutingListener {

    /**
     * @param events what changed, in order
     * @param conversations the support chat of every entry the events mention (final ones included)
     */
    void routed(List<RoutingEvent> events, Map<QueueEntryId, ConversationId> conversations);
}
