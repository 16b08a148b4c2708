package dev.switchboard.conversation;

import dev.switchboard.identity.UserId;

/**
 * A rule of another feature about who may write in a {@code customer_support} conversation addressed by
 * id (a support chat: only its customer, its assignee and admins), checked by {@link ConversationService}
 * after the participant check; throws to refuse. Registered after construction ({@link
 * ConversationService#guardSends}) because the feature that owns the rule is built on that service.
 */
@FunctionalInterface
public interface SendGuard {
    void check(UserId sender, ConversationId conversation);

    /**
     * {@link #check} for a caller that may not wait (an event loop): true when the sender may write,
     * decided from memory; false when that takes a read (the caller then takes the waiting path); never
     * refuses, so that every refusal comes from {@link #check}.
     */
    default boolean allowsNow(UserId sender, ConversationId conversation) {
        return false;
    }
}
