package dev.switchboard.dialect;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.conversation.Message;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.Ticket;
import java.time.Instant;
import java.util.List;

/**
 * Seed 003's wire shapes, after its Mongo models (docs/protocol.md, "Seed 003 dialect"): ids as
 * {@code _id} (and {@code id}), {@code user} / {@code admin} for customer and assignee, status
 * {@code in-progress}, {@code isInternalNote}, {@code messageType}, {@code isEdited}.
 */
public final class Seed003Views {
    private Seed003Views() {}

    public record Person(String _id, String id, String name, String email) {}

    public record ChatMessage(
            String _id, String id, String chat, String sender, String content, String messageType,
            List<Views.AttachmentView> attachments, boolean isInternalNote, boolean isEdited, boolean isDeleted,
            long seq, Instant createdAt, Instant updatedAt) {}

    public record Chat(
            String _id, String id, Person user, @JsonInclude(JsonInclude.Include.ALWAYS) Person admin,
            String department, String subject, String priority, String status, ChatMessage lastMessage,
            long unreadByAdmin, long unreadByUser, long unreadCount, boolean isActive, Instant createdAt,
            Instant updatedAt, Instant firstResponseAt, Instant resolvedAt, Instant closedAt) {}

    public record StatusUpdated(String chatId, String status, String priority, Chat chat) {}

    public record Assigned(String chatId, Person admin, Chat chat) {}

    /** A new message with its chat id: new_support_message, and the two notifications. */
    public record MessageEvent(String chatId, ChatMessage message) {}

    public static ChatMessage message(Message m) {
        Instant updated = m.deletedAt() != null ? m.deletedAt() : m.editedAt() != null ? m.editedAt() : m.createdAt();
        return new ChatMessage(m.id().value(), m.id().value(), m.conversationId().value(), m.senderId().value(),
                m.text(), m.kind().wire(), Views.attachments(m), m.isNote(), m.editedAt() != null, m.isDeleted(),
                m.seq(), m.createdAt(), updated);
    }

    /** Both per-side counters are shown to both sides: they count no notes. */
    public static Chat chat(Ticket ticket) {
        return chat(TicketViews.ticket(ticket), ticket.chat());
    }

    static Chat chat(TicketViews.TicketView t, SupportChat c) {
        Person user = new Person(t.customer().id(), t.customer().id(), t.customer().name(), t.customer().email());
        Person admin = t.assignee() == null ? null
                : new Person(t.assignee().id(), t.assignee().id(), t.assignee().name(), null);
        SupportChatStatus status = new SupportChatStatus(t.status());
        return new Chat(t.id(), t.id(), user, admin, t.department(), t.subject(), t.priority(), status.seed003(),
                t.lastMessage() == null ? null : fromView(t.lastMessage()),
                c.unreadByStaff(), c.unreadByCustomer(), t.unreadCount(),
                !"closed".equals(t.status()), t.createdAt(), t.updatedAt(), t.firstResponseAt(), t.resolvedAt(),
                t.closedAt());
    }

    static StatusUpdated statusUpdated(SupportChat c, TicketViews.TicketView t) {
        return new StatusUpdated(c.id().value(), c.status().seed003(), c.priority().wire(), chat(t, c));
    }

    static Assigned assigned(SupportChat c, TicketViews.TicketView t) {
        Chat chat = chat(t, c);
        return new Assigned(t.id(), chat.admin(), chat);
    }

    private static ChatMessage fromView(Views.MessageView m) {
        Instant updated = m.deletedAt() != null ? m.deletedAt() : m.editedAt() != null ? m.editedAt() : m.createdAt();
        return new ChatMessage(m.id(), m.id(), m.conversationId(), m.senderId(), m.text(), m.type(), m.attachments(),
                "staff".equals(m.visibility()), m.editedAt() != null, m.deletedAt() != null, m.seq(), m.createdAt(),
                updated);
    }

    /** The status as seed 003 spells it. */
    private record SupportChatStatus(String wire) {
        String seed003() {
            return wire.replace('_', '-');
        }
    }
}
