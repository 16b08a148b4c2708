package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.Page;
import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.ConversationSummary;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.MessagePage;
import dev.switchboard.conversation.MessageUpdate;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.conversation.UnreadCounts;
import dev.switchboard.identity.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The native API: seed 001's {@code chat:*} events, plus the few it lacks in the same style
 * ({@code chat:get_or_create_conversation}, {@code chat:get_unread_count},
 * {@code chat:get_user_status}). Every reply event is also the ack's data.
 */
public final class NativeChatEvents {
    static final int DEFAULT_PAGE = 50;

    private final ConversationService conversations;
    private final ChatAnnouncer announcer;
    private final Delivery delivery;
    private final MessageSender sender;

    public NativeChatEvents(ConversationService conversations, ChatAnnouncer announcer, Delivery delivery,
            MessageSender sender) {
        this.conversations = conversations;
        this.announcer = announcer;
        this.delivery = delivery;
        this.sender = sender;
    }

    public void register(SocketEvents events) {
        events.on(Dialect.NATIVE, "chat:join", this::join);
        events.on(Dialect.NATIVE, "chat:leave", this::leave);
        events.on(Dialect.NATIVE, "chat:send_message", this::send, conversations.sendsNow() ? this::sendNow : null);
        events.on(Dialect.NATIVE, "chat:edit_message", this::edit);
        events.on(Dialect.NATIVE, "chat:delete_message", this::delete);
        events.on(Dialect.NATIVE, "chat:typing", this::typing);
        events.on(Dialect.NATIVE, "chat:mark_read", this::markRead);
        events.on(Dialect.NATIVE, "chat:get_conversations", this::getConversations);
        events.on(Dialect.NATIVE, "chat:get_messages", this::getMessages);
        events.on(Dialect.NATIVE, "chat:get_unread_count", this::unreadCount);
        events.on(Dialect.NATIVE, "chat:get_or_create_conversation", this::getOrCreate);
        events.on(Dialect.NATIVE, "chat:get_user_status", this::userStatus);
    }

    /** Reply of chat:join (and payload of chat:joined): the conversation and who is typing in it now. */
    public record Joined(String conversationId, Views.ConversationView conversation, List<String> typing) {}

    /** Payload of chat:user_joined / chat:user_left. */
    public record Membership(String conversationId, String userId, String name) {}

    public record ConversationsPage(List<Views.SummaryView> conversations, String nextCursor) {}

    public record MessagesPage(String conversationId, List<Views.MessageView> messages, boolean hasMore) {}

    public record Unread(long total, Map<String, Long> conversations) {}

    private Object join(SocketEvents.Call call) {
        ConversationId id = Args.conversationId(call.payload());
        Conversation conversation = conversations.get(call.me().id(), id);
        String room = Delivery.conversationRoom(id);
        boolean first = !call.socket().rooms().contains(room);
        call.socket().join(room);
        Joined joined = new Joined(id.value(), Views.conversation(conversation), announcer.typingIn(id));
        call.socket().emit("chat:joined", joined);
        if (first) {
            delivery.toConversation(id, call.socket().id(), "chat:user_joined",
                    new Membership(id.value(), call.me().id().value(), call.me().name()));
        }
        return joined;
    }

    private Object leave(SocketEvents.Call call) {
        ConversationId id = Args.conversationId(call.payload());
        String room = Delivery.conversationRoom(id);
        if (!call.socket().rooms().contains(room)) return null;
        call.socket().leave(room);
        announcer.stopTyping(id, call.me(), call.socket().id());
        delivery.toConversation(id, null, "chat:user_left",
                new Membership(id.value(), call.me().id().value(), call.me().name()));
        return null;
    }

    /** What {@code chat:send_message} carries. */
    private record Send(ConversationId id, String text, String clientKey, MessageKind kind, Visibility visibility,
            List<String> attachmentIds) {
        static Send of(ObjectNode payload) {
            return new Send(Args.conversationId(payload), Args.text(payload, "message", "text", "content").orElse(null),
                    Args.text(payload, "clientMessageId", "clientKey", "idempotencyKey", "tempId").orElse(null),
                    Args.text(payload, "type").map(MessageKind::fromWire).orElse(null),
                    Args.bool(payload, "internal").orElse(false) ? Visibility.STAFF : Visibility.ALL,
                    MessageSender.attachmentIds(payload));
        }

        /** Text for everyone, no files: what {@link ConversationService#sendNow} can store. */
        boolean plain() {
            return text != null && (kind == null || kind == MessageKind.TEXT) && visibility == Visibility.ALL
                    && attachmentIds.isEmpty();
        }
    }

    private Object send(SocketEvents.Call call) {
        Send send = Send.of(call.payload());
        SendResult result = sender.send(call.me(), send.id(), send.text(), send.clientKey(), send.kind(),
                send.visibility(), send.attachmentIds());
        if (!result.duplicate()) {
            announcer.stopTyping(send.id(), call.me(), call.socket().id());
            announcer.newMessage(result);
        }
        return Views.message(result.message());
    }

    /**
     * {@code chat:send_message} on the event loop: a text message for everyone, without attachments, in a
     * conversation whose participants are remembered (in a support chat: sent by its customer or assignee
     * as its guard remembers them); anything else (and anything that would wait) goes to {@link #send} on
     * a virtual thread.
     */
    private Object sendNow(SocketEvents.Call call, Executor later) {
        Send send = Send.of(call.payload());
        Optional<SendResult> sent = send.plain()
                ? conversations.sendNow(call.me().id(), send.id(), send.text(), send.clientKey()) : Optional.empty();
        if (sent.isEmpty()) return SocketEvents.LATER;
        SendResult result = sent.get();
        if (!result.duplicate()) {
            announcer.stopTyping(result, call.me(), call.socket().id());
            announcer.newMessageNow(result, later);
        }
        return Views.message(result.message());
    }

    private Object edit(SocketEvents.Call call) {
        ObjectNode payload = call.payload();
        MessageUpdate update = conversations.edit(call.me().id(), Args.conversationId(payload),
                Args.messageId(payload), Args.requiredText(payload, "text", "message", "content"));
        announcer.messageUpdated(update);
        return Views.message(update.message());
    }

    private Object delete(SocketEvents.Call call) {
        ObjectNode payload = call.payload();
        MessageUpdate update = conversations.delete(call.me().id(), Args.conversationId(payload), Args.messageId(payload));
        announcer.messageUpdated(update);
        return Views.message(update.message());
    }

    private Object typing(SocketEvents.Call call) {
        ObjectNode payload = call.payload();
        ConversationId id = Args.conversationId(payload);
        boolean isTyping = Args.bool(payload, "isTyping").orElse(true);
        Conversation conversation = conversations.get(call.me().id(), id);
        if (Args.bool(payload, "internal").orElse(false)) {
            announcer.internalTyping(conversation, call.me(), isTyping, call.socket().id());
        } else {
            announcer.typing(conversation, call.me(), isTyping, call.socket().id());
        }
        return null;
    }

    private Object markRead(SocketEvents.Call call) {
        ObjectNode payload = call.payload();
        ConversationId id = Args.conversationId(payload);
        Long upTo = Args.number(payload, "upToSeq").or(() -> Args.number(payload, "seq")).orElse(null);
        Views.ReadView read = Views.read(conversations.markRead(call.me().id(), id, upTo));
        announcer.read(conversations.get(call.me().id(), id), read);
        return read;
    }

    private Object getConversations(SocketEvents.Call call) {
        ObjectNode payload = call.payload();
        Page<ConversationSummary> page = conversations.listForUser(call.me().id(),
                Args.text(payload, "cursor").orElse(null), Args.limit(payload, DEFAULT_PAGE));
        ConversationsPage reply = new ConversationsPage(page.items().stream().map(Views::summary).toList(), page.nextCursor());
        call.socket().emit("chat:conversations", reply);
        return reply;
    }

    private Object getMessages(SocketEvents.Call call) {
        ObjectNode payload = call.payload();
        ConversationId id = Args.conversationId(payload);
        int limit = Args.limit(payload, DEFAULT_PAGE);
        Optional<Long> after = Args.number(payload, "afterSeq").or(() -> Args.number(payload, "after"));
        MessagePage page = after.isPresent()
                ? conversations.after(call.me().id(), id, after.get(), limit)
                : conversations.history(call.me().id(), id,
                        Args.number(payload, "beforeSeq").or(() -> Args.number(payload, "before")).orElse(null), limit);
        MessagesPage reply = new MessagesPage(id.value(), Views.messages(page.messages()), page.hasMore());
        call.socket().emit("chat:messages", reply);
        return reply;
    }

    private Object unreadCount(SocketEvents.Call call) {
        UnreadCounts counts = conversations.unreadCount(call.me().id());
        Map<String, Long> byConversation = new LinkedHashMap<>();
        counts.byConversation().forEach((id, n) -> byConversation.put(id.value(), n));
        Unread reply = new Unread(counts.total(), byConversation);
        call.socket().emit("chat:unread_count", reply);
        return reply;
    }

    private Object getOrCreate(SocketEvents.Call call) {
        ObjectNode payload = call.payload();
        UserId other = Args.userId(payload, "participantId", "userId", "otherUserId");
        Optional<ConversationType> type = Args.text(payload, "type").map(ConversationType::fromWire);
        return Views.conversation(conversations.getOrCreateDirect(call.me().id(), other, type));
    }

    private Object userStatus(SocketEvents.Call call) {
        UserId other = Args.userId(call.payload(), "userId");
        return announcer.status(call.me(), other);
    }
}
