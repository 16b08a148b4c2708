package dev.switchboard.support;

import dev.switchboard.common.Page;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Durable home of support chats (port; the adapter lives in {@code jdbc}). No permission checks
 * here ({@link SupportChatService} does them); every method is atomic and blocks on I/O.
 */
public interface SupportChatStore {
    /**
     * The customer's support chat that is not closed, or a new one (status open, no assignee)
     * created from {@code candidate} with its conversation and the customer as participant. Safe
     * when many callers race for the same customer: they all get the same chat.
     */
    SupportChat findOrCreateCurrent(NewSupportChat candidate);

    Optional<SupportChat> findById(ConversationId id);

    /** Who a support chat's customer-visible messages may come from: its customer, and its assignee (null: none). */
    record Writers(UserId customer, UserId assignee) {}

    /**
     * The chat's {@link Writers}, or empty when the conversation is no support chat. Unlike {@link
     * #findById} it does not first wait for messages acknowledged but not yet in the tables (the
     * embedded database's write-behind): messages move a chat's counters, never its customer or
     * assignee, so a send may ask this on its way in without making every earlier message be stored.
     */
    Optional<Writers> writers(ConversationId id);

    /** The customer's chat that is not closed, if any. */
    Optional<SupportChat> findCurrent(UserId customer);

    /**
     * Makes {@code assignee} the chat's assignee (and a participant, keeping earlier ones), moving
     * an open chat to in_progress, when its assignee is still {@code expected} (null: unassigned).
     * Returns the updated chat, or empty when somebody else changed the assignee first.
     */
    Optional<SupportChat> assign(ConversationId id, UserId expected, UserId assignee, Instant at);

    /** Adds {@code user} as participant of the chat's conversation unless they are one; false if they were. */
    boolean addParticipant(ConversationId id, UserId user, Instant at);

    /** Sets the status, stamping resolved/closed times; returns the updated chat or empty if unknown. */
    Optional<SupportChat> setStatus(ConversationId id, TicketStatus status, Instant at);

    /** Changes priority and/or subject (null: unchanged); returns the updated chat or empty if unknown. */
    Optional<SupportChat> update(ConversationId id, Priority priority, String subject, Instant at);

    /**
     * Chats matching {@code filter}, latest change first, a page at a time. Text search never matches
     * a note's text unless {@code viewer} is staff.
     *
     * @param cursor a previous page's {@link Page#nextCursor()}, or null; VALIDATION_FAILED if garbled
     */
    Page<SupportChat> list(TicketFilter filter, UserId viewer, String cursor, int limit);

    /** The chat's latest message, notes included only when {@code withNotes}; empty if there is none. */
    Optional<Message> lastMessage(ConversationId id, boolean withNotes);

    /**
     * How far staff have read the chat, for its customer: the highest read position of a participant
     * other than the customer, capped at the seq of the last message the customer may see (so a
     * note's seq never shows through); 0 when nobody on staff has read anything.
     */
    long staffLastReadSeq(ConversationId id, UserId customer);

    /** Statistics of the chats created in [from, to); see {@link TicketStats}. */
    TicketStats stats(Instant from, Instant to);

    /** What a new support chat starts with. */
    record NewSupportChat(UserId customer, String department, String subject, Priority priority, String details,
            Instant at) {
        public NewSupportChat {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(department, "department");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(at, "at");
        }
    }
}
