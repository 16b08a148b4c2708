package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.AttachmentRef;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.User;
import dev.switchboard.support.AttachmentService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Sends a message that may carry uploaded files, for every dialect that can: the files are checked
 * first (mine, this conversation, not sent yet), the message stored, then the files linked to it.
 * A message with files needs no text (their names are its text then); its type defaults to
 * {@code image} when every file is an image, else {@code file}.
 */
public final class MessageSender {
    private final ConversationService conversations;
    private final AttachmentService attachments;

    public MessageSender(ConversationService conversations, AttachmentService attachments) {
        this.conversations = conversations;
        this.attachments = attachments;
    }

    public SendResult send(User me, ConversationId id, String text, String clientKey, MessageKind kind,
            Visibility visibility, List<String> attachmentIds) {
        List<AttachmentRef> files = attachmentIds.isEmpty() ? List.of() : attachments.prepare(me, id, attachmentIds);
        String body = text;
        if ((body == null || body.isBlank()) && !files.isEmpty()) {
            body = files.stream().map(AttachmentRef::fileName).collect(Collectors.joining(", "));
        }
        if (body == null) throw SwitchboardException.invalid("message is required");
        MessageKind type = kind != null ? kind : files.isEmpty() ? MessageKind.TEXT
                : files.stream().allMatch(f -> f.contentType().startsWith("image/")) ? MessageKind.IMAGE : MessageKind.FILE;
        SendResult result = conversations.send(me.id(), id, body, clientKey, type, visibility);
        if (result.duplicate() || files.isEmpty()) return result;
        return new SendResult(attachments.link(me, result.message(), files), false, result.recipients(),
                result.maybeSupportChat());
    }

    /** An optional array of attachment ids ({@code attachments}); absent is empty. */
    public static List<String> attachmentIds(ObjectNode payload) {
        JsonNode value = payload.get("attachments");
        if (value == null || value.isNull()) return List.of();
        if (!value.isArray()) throw SwitchboardException.invalid("attachments must be an array of attachment ids");
        List<String> ids = new ArrayList<>();
        for (JsonNode item : value) {
            JsonNode id = item.isObject() ? item.get("id") : item; // seed 003 clients may send {id, ...} back
            if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > 128) {
                throw SwitchboardException.invalid("attachments must be an array of attachment ids");
            }
            ids.add(id.asText());
        }
        return ids;
    }
}
