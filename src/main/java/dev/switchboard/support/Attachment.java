package dev.switchboard.support;

import dev.switchboard.conversation.AttachmentRef;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * An uploaded file of a conversation.
 *
 * @param messageId  null until a message references it
 * @param storageKey where {@link AttachmentStorage} keeps the bytes (never derived from what clients send)
 */
public record Attachment(
        String id, ConversationId conversationId, MessageId messageId, UserId uploader, String fileName,
        String contentType, long size, String storageKey, Instant createdAt) {
    public Attachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(uploader, "uploader");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public AttachmentRef ref() {
        return new AttachmentRef(id, fileName, contentType, size);
    }
}
