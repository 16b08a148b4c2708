package dev.switchboard.support;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.identity.UserId;
import java.util.List;
import java.util.Optional;

/** Attachment metadata (port; the adapter lives in {@code jdbc}). */
public interface AttachmentStore {
    void insert(Attachment attachment);

    Optional<Attachment> find(String id);

    /**
     * Links the attachments to a message, each only if it is still unlinked, in that conversation
     * and uploaded by {@code uploader}; returns how many were linked.
     */
    int link(List<String> ids, ConversationId conversationId, UserId uploader, MessageId messageId);
}
