package dev.switchboard.conversation;

import dev.switchboard.common.Page;
import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Durable home of conversations and messages (port; the adapter lives in {@code jdbc}). It does no
 * permission checks, {@link ConversationService} does, but it owns every guarantee that needs
 * atomicity: one direct conversation per pair and type, gap-free sequence numbers, idempotent
 * appends, read state that only moves forward. Methods block on I/O; failures are
 * {@link dev.switchboard.common.SwitchboardException}s and leave nothing half-written.
 */
public interface ConversationStore {

    /**
     * Returns the conversation of {@code candidate.type()} between its two participants (in either
     * order), storing {@code candidate} when there is none yet. Safe when many callers race.
     */
    Conversation findOrCreateDirect(Conversation candidate);

    Optional<Conversation> findById(ConversationId id);

    /**
     * Whether the conversation is a direct one (of a pair of users, found by that pair; never a support
     * chat, whose type a direct customer–agent conversation shares); false when there is none.
     */
    boolean isDirect(ConversationId id);

    /** The direct conversation of that type between the two users, if it exists (never creates one). */
    Optional<Conversation> findDirect(ConversationType type, UserId a, UserId b);

    /** Everyone who shares at least one conversation with {@code user} (the audience of their presence). */
    List<UserId> contactsOf(UserId user);

    boolean isParticipant(ConversationId id, UserId user);

    /**
     * Appends a message with the conversation's next seq and moves its activity time, all in one
     * transaction. When the sender already stored a message with the same non-null client key in
     * this conversation, returns that one with {@code duplicate} set and writes nothing. In a
     * support chat the same transaction moves the per-side unread counter (customer message: staff's;
     * other visible message: the customer's, and the first response time); notes move neither.
     */
    Appended append(NewMessage message);

    /**
     * {@link #append} without waiting for anything (for an event loop), where the store can: empty,
     * with nothing stored, when appending would wait. A store that always waits (PostgreSQL's commit)
     * answers empty and says so in {@link #appendsNow}.
     */
    default Optional<Appended> appendNow(NewMessage message) {
        return Optional.empty();
    }

    /** Whether {@link #appendNow} can ever store a message. */
    default boolean appendsNow() {
        return false;
    }

    /**
     * Up to {@code limit} messages with seq below {@code beforeSeq} that {@code viewer} may see (no
     * internal notes unless the viewer is staff), newest first.
     */
    List<Message> before(ConversationId id, UserId viewer, long beforeSeq, int limit);

    /** Up to {@code limit} messages with seq above {@code afterSeq} that {@code viewer} may see, oldest first. */
    List<Message> after(ConversationId id, UserId viewer, long afterSeq, int limit);

    /** One message of the conversation, whoever may see it (callers check visibility). */
    Optional<Message> findMessage(ConversationId id, MessageId messageId);

    /** Replaces the text of a message that is not deleted and stamps editedAt; empty if there is none such. */
    Optional<Message> editMessage(ConversationId id, MessageId messageId, String text, Instant at);

    /** Soft delete: empties the text and stamps deletedAt, keeping the seq; empty if there is none not deleted. */
    Optional<Message> deleteMessage(ConversationId id, MessageId messageId, Instant at);

    /**
     * The user's conversations, latest activity first, each with the other participants, last
     * message and the user's unread count; for anyone but staff, internal notes count for neither
     * (nor for the last seq).
     *
     * @param cursor a previous page's {@link Page#nextCursor()}, or null; VALIDATION_FAILED if garbled
     */
    Page<ConversationSummary> summaries(UserId user, String cursor, int limit);

    /**
     * Moves the user's read position to {@code uptoSeq}, capped at the conversation's last seq,
     * unless it is already there or further, and for a support chat brings the reader's side's
     * unread counter up to date in the same transaction. Returns the resulting position.
     */
    ReadReceipt markRead(ConversationId id, UserId user, long uptoSeq, Instant at);

    /**
     * Per conversation of the user, the number of others' messages past the user's read position
     * that the user may see (no internal notes unless staff); zeros left out.
     */
    Map<ConversationId, Long> unreadCounts(UserId user);

    /** A message to append; the store assigns its seq. */
    record NewMessage(
            MessageId id, ConversationId conversationId, UserId senderId, String text, MessageKind kind,
            String clientKey, Instant createdAt, Visibility visibility) {
        /** A message everyone in the conversation sees. */
        public NewMessage(MessageId id, ConversationId conversationId, UserId senderId, String text, MessageKind kind,
                String clientKey, Instant createdAt) {
            this(id, conversationId, senderId, text, kind, clientKey, createdAt, Visibility.ALL);
        }

        public NewMessage {
            Objects.requireNonNull(visibility, "visibility");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(senderId, "senderId");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /** What {@link #append} did: stored {@code message}, or found it already stored. */
    record Appended(Message message, boolean duplicate) {}
}
