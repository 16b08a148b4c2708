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

    /** The direct conversation of that type between the two users, if it exists (never creates one). */
    Optional<Conversation> findDirect(ConversationType type, UserId a, UserId b);

    /** Everyone who shares at least one conversation with {@code user} (the audience of their presence). */
    List<UserId> contactsOf(UserId user);

    boolean isParticipant(ConversationId id, UserId user);

    /**
     * Appends a message with the conversation's next seq and moves its activity time, all in one
     * transaction. When the sender already stored a message with the same non-null client key in
     * this conversation, returns that one with {@code duplicate} set and writes nothing.
     */
    Appended append(NewMessage message);

    /** Up to {@code limit} messages with seq below {@code beforeSeq}, newest first. */
    List<Message> before(ConversationId id, long beforeSeq, int limit);

    /** Up to {@code limit} messages with seq above {@code afterSeq}, oldest first. */
    List<Message> after(ConversationId id, long afterSeq, int limit);

    /**
     * The user's conversations, latest activity first, each with the other participants, last
     * message and the user's unread count.
     *
     * @param cursor a previous page's {@link Page#nextCursor()}, or null; VALIDATION_FAILED if garbled
     */
    Page<ConversationSummary> summaries(UserId user, String cursor, int limit);

    /**
     * Moves the user's read position to {@code uptoSeq}, capped at the conversation's last seq,
     * unless it is already there or further. Returns the resulting position.
     */
    ReadReceipt markRead(ConversationId id, UserId user, long uptoSeq, Instant at);

    /** Per conversation of the user, the number of others' messages past the user's read position; zeros left out. */
    Map<ConversationId, Long> unreadCounts(UserId user);

    /** A message to append; the store assigns its seq. */
    record NewMessage(
            MessageId id, ConversationId conversationId, UserId senderId, String text, MessageKind kind,
            String clientKey, Instant createdAt) {
        public NewMessage {
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
