package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.MessagePage;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.User;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.support.Ticket;
import dev.switchboard.support.TicketService;
import java.util.List;
import java.util.Optional;

/**
 * Seed 003's operations, shared by its socket events ({@link Seed003Events}) and its REST routes
 * ({@code http.Seed003Routes}); payload field names are seed 003's with the native ones as aliases.
 * Staff may open any support chat: reading or joining one makes them a participant; replying to an
 * unassigned one assigns it to them (seed 003's "Assign to Me" in one step).
 */
public final class Seed003Support {
    static final int DEFAULT_PAGE = 50;

    private final SupportChatService support;
    private final TicketService tickets;
    private final ConversationService conversations;
    private final ChatAnnouncer announcer;
    private final MessageSender sender;

    public Seed003Support(SupportChatService support, TicketService tickets, ConversationService conversations,
            ChatAnnouncer announcer, MessageSender sender) {
        this.support = support;
        this.tickets = tickets;
        this.conversations = conversations;
        this.announcer = announcer;
        this.sender = sender;
    }

    public record MessagesPage(String chatId, List<Seed003Views.ChatMessage> messages, boolean hasMore) {}

    public record ChatsPage(List<Seed003Views.Chat> chats, String nextCursor) {}

    public record Read(String chatId, String userId, long lastReadSeq) {}

    /** POST /support: the customer's current chat, created if needed; {@code message} becomes their first message. */
    public Seed003Views.Chat openOrGet(User me, ObjectNode body) {
        String subject = Args.text(body, "subject", "topic").orElse(null);
        Optional<String> first = Args.text(body, "message", "content", "text");
        SupportChat chat = first.isPresent()
                ? support.leaveMessage(me.id(), Args.text(body, "department").orElse(""), subject, first.get())
                : support.openForQueue(me.id(), Args.text(body, "department").orElse(""), subject, null);
        return chat(me, chat.id());
    }

    /** GET /support: the customer's current chat, if any. */
    public Optional<Seed003Views.Chat> current(User me) {
        return support.current(me.id()).map(c -> chat(me, c.id()));
    }

    public Seed003Views.Chat chat(User me, ConversationId id) {
        return Seed003Views.chat(tickets.get(me, id));
    }

    /** Makes sure {@code me} may read and write the chat: their own, or staff joining it. */
    public Ticket open(User me, ConversationId id) {
        Ticket ticket = tickets.get(me, id); // a customer's other chats look unknown
        if (ticket.staffView() && !conversations.isParticipant(me.id(), id)) support.joinAsStaff(me.id(), id);
        return ticket;
    }

    public dev.switchboard.conversation.Conversation conversation(User me, ConversationId id) {
        return conversations.get(me.id(), id);
    }

    public MessagesPage messages(User me, ConversationId id, Long beforeSeq, int limit) {
        open(me, id);
        MessagePage page = conversations.history(me.id(), id, beforeSeq, limit);
        return new MessagesPage(id.value(), page.messages().stream().map(Seed003Views::message).toList(), page.hasMore());
    }

    /** send_support_message / POST messages: {content [message, text], messageType?, isInternalNote?, clientMessageId?}. */
    public SendResult send(User me, ConversationId id, ObjectNode body) {
        String text = Args.text(body, "content", "message", "text").orElse(null);
        MessageKind kind = Args.text(body, "messageType", "type").map(MessageKind::fromWire).orElse(null);
        boolean note = Args.bool(body, "isInternalNote").or(() -> Args.bool(body, "internal")).orElse(false);
        String clientKey = Args.text(body, "clientMessageId", "tempId").orElse(null);
        Ticket ticket = open(me, id);
        if (ticket.staffView() && ticket.chat().assignee() == null && !note) support.assign(me.id(), id, me.id());
        SendResult result = sender.send(me, id, text, clientKey, kind, note ? Visibility.STAFF : Visibility.ALL,
                MessageSender.attachmentIds(body));
        if (!result.duplicate()) {
            announcer.stopTyping(id, me, null);
            announcer.newMessage(result);
        }
        return result;
    }

    public Read markRead(User me, ConversationId id) {
        open(me, id);
        Views.ReadView read = Views.read(conversations.markRead(me.id(), id, null));
        announcer.read(conversations.get(me.id(), id), read);
        return new Read(id.value(), me.id().value(), read.lastReadSeq());
    }

    public ChatsPage list(User me, ObjectNode query) {
        var page = tickets.list(me, TicketEvents.filter(me, query), Args.text(query, "cursor").orElse(null),
                Args.limit(query, DEFAULT_PAGE));
        return new ChatsPage(page.items().stream().map(t -> Seed003Views.chat(t)).toList(),
                page.nextCursor());
    }

    /** PUT status / update_support_chat_status: {status?, priority?}. */
    public Seed003Views.Chat update(User me, ConversationId id, ObjectNode body) {
        Ticket t = tickets.update(me, id,
                Args.text(body, "status").map(dev.switchboard.support.TicketStatus::fromWire).orElse(null),
                Args.text(body, "priority").map(dev.switchboard.support.Priority::fromWire).orElse(null),
                Args.text(body, "subject").orElse(null));
        return Seed003Views.chat(t);
    }

    /** POST assign / assign_support_chat: {adminId? [assigneeId, agentId]}, absent: me. */
    public Seed003Views.Chat assign(User me, ConversationId id, ObjectNode body) {
        var assignee = Args.text(body, "adminId", "assigneeId", "agentId").isPresent()
                ? Args.userId(body, "adminId", "assigneeId", "agentId") : null;
        return Seed003Views.chat(tickets.assign(me, id, assignee));
    }
}
