package dev.switchboard.conversation;

import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored message.
 *
 * @param seq       position in its conversation: 1, 2, 3... without gaps, the order everyone sees
 * @param clientKey the sender's idempotency key, or null; a retried send with the same key returns
 *                  this message instead of storing another
 * @param editedAt  null unless edited
 * @param visibility {@link Visibility#STAFF} for an internal note
 * @param deletedAt null unless deleted; a deleted message keeps its seq and has empty text
 * @param attachments files the message carries (uploaded first, referenced by id when sending)
 */
public record Message(
        MessageId id, ConversationId conversationId, long seq, UserId senderId, String text, MessageKind kind,
        String clientKey, Instant createdAt, Instant editedAt, Visibility visibility, Instant deletedAt,
        List<AttachmentRef> attachments) {
    public static final int MAX_CLIENT_KEY_LENGTH = 128;

    /** A message everyone in the conversation sees, not deleted. */
    public Message(MessageId id, ConversationId conversationId, long seq, UserId senderId, String text,
            MessageKind kind, String clientKey, Instant createdAt, Instant editedAt) {
        this(id, conversationId, seq, senderId, text, kind, clientKey, createdAt, editedAt, Visibility.ALL, null);
    }

    /** A message without attachments. */
    public Message(MessageId id, ConversationId conversationId, long seq, UserId senderId, String text,
            MessageKind kind, String clientKey, Instant createdAt, Instant editedAt, Visibility visibility,
            Instant deletedAt) {
        this(id, conversationId, seq, senderId, text, kind, clientKey, createdAt, editedAt, visibility, deletedAt,
                List.of());
    }

    public Message withAttachments(List<AttachmentRef> files) {
        return new Message(id, conversationId, seq, senderId, text, kind, clientKey, createdAt, editedAt, visibility,
                deletedAt, files);
    }

    public boolean isNote() {
        return visibility == Visibility.STAFF;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        if (seq < 1) throw new IllegalArgumentException("seq starts at 1");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(visibility, "visibility");
        attachments = List.copyOf(attachments);
    }
}
