package dev.switchboard.dialect;

import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationSummary;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.ReadReceipt;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the native API (documented in docs/protocol.md). Domain records never go on
 * the wire directly, so the domain can change without breaking clients.
 */
public final class Views {
    private Views() {}

    /**
     * A message. {@code message} repeats {@code text} for clients written against seed 001;
     * {@code visibility} is "staff" for an internal note; a deleted message has empty text and {@code deletedAt}.
     */
    public record MessageView(
            String id, String conversationId, long seq, String senderId, String text, String message, String type,
            String clientMessageId, Instant createdAt, Instant editedAt, String visibility, Instant deletedAt,
            List<AttachmentView> attachments) {}

    /** A file a message carries; {@code url} downloads it (with the same bearer token). */
    public record AttachmentView(String id, String fileName, String contentType, long size, String url) {}

    public static List<AttachmentView> attachments(Message m) {
        return m.attachments().stream().map(a -> new AttachmentView(a.id(), a.fileName(), a.contentType(), a.size(),
                "/api/v1/attachments/" + a.id())).toList();
    }

    public record ConversationView(
            String id, String type, List<String> participants, Instant createdAt, Instant updatedAt, long lastSeq) {}

    /** A conversation in a list: the other participants, the last message and my unread count. */
    public record SummaryView(
            String id, String type, List<String> participants, List<UserView> others, MessageView lastMessage,
            long unreadCount, Instant updatedAt, long lastSeq) {}

    /** Another person as others may see them: no e-mail. */
    public record UserView(String id, String name, String role) {}

    /** The signed-in user, about themselves. */
    public record SelfView(String id, String name, String role, String email, String kind, String status) {}

    public record ReadView(String conversationId, String userId, long lastReadSeq, Instant readAt) {}

    public static MessageView message(Message m) {
        return new MessageView(m.id().value(), m.conversationId().value(), m.seq(), m.senderId().value(), m.text(),
                m.text(), m.kind().wire(), m.clientKey(), m.createdAt(), m.editedAt(), m.visibility().wire(),
                m.deletedAt(), attachments(m));
    }

    public static List<MessageView> messages(List<Message> messages) {
        return messages.stream().map(Views::message).toList();
    }

    public static ConversationView conversation(Conversation c) {
        return new ConversationView(c.id().value(), c.type().wire(), ids(c.participants()), c.createdAt(),
                c.updatedAt(), c.lastSeq());
    }

    public static SummaryView summary(ConversationSummary s) {
        Conversation c = s.conversation();
        return new SummaryView(c.id().value(), c.type().wire(), ids(c.participants()),
                s.others().stream().map(Views::user).toList(), s.lastMessage() == null ? null : message(s.lastMessage()),
                s.unreadCount(), c.updatedAt(), c.lastSeq());
    }

    public static UserView user(User u) {
        return new UserView(u.id().value(), u.name(), u.role().wire());
    }

    public static SelfView self(User u) {
        return new SelfView(u.id().value(), u.name(), u.role().wire(), u.email(), u.kind().name().toLowerCase(java.util.Locale.ROOT),
                u.status().wire());
    }

    public static ReadView read(ReadReceipt r) {
        return new ReadView(r.conversationId().value(), r.userId().value(), r.lastReadSeq(), r.readAt());
    }

    static List<String> ids(List<UserId> ids) {
        return ids.stream().map(UserId::value).toList();
    }
}
