package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.SendResult;
import java.util.Map;

/**
 * Seed 003's socket events. Identity comes from the connection; a customer reaches only their own
 * chat (others answer CONVERSATION_NOT_FOUND), staff any. Replies are the acks' data; news goes out
 * through {@link ChatAnnouncer} and {@link TicketAnnouncer} in every dialect.
 */
public final class Seed003Events {
    private final Seed003Support seed;
    private final ChatAnnouncer announcer;

    public Seed003Events(Seed003Support seed, ChatAnnouncer announcer) {
        this.seed = seed;
        this.announcer = announcer;
    }

    public void register(SocketEvents events) {
        events.on(Dialect.SEED003, "join_support_chat", this::join);
        events.on(Dialect.SEED003, "leave_support_chat", this::leave);
        events.on(Dialect.SEED003, "send_support_message", call -> {
            SendResult result = seed.send(call.me(), Args.conversationId(payload(call)), payload(call));
            return Seed003Views.message(result.message());
        });
        events.on(Dialect.SEED003, "support_typing_start", call -> typing(call, true));
        events.on(Dialect.SEED003, "support_typing_stop", call -> typing(call, false));
        events.on(Dialect.SEED003, "mark_support_messages_read",
                call -> seed.markRead(call.me(), Args.conversationId(payload(call))));
        events.on(Dialect.SEED003, "update_support_chat_status",
                call -> seed.update(call.me(), Args.conversationId(payload(call)), payload(call)));
        events.on(Dialect.SEED003, "assign_support_chat",
                call -> seed.assign(call.me(), Args.conversationId(payload(call)), payload(call)));
    }

    /** Seed 003's clients often send the bare chat id instead of an object; both are accepted. */
    static com.fasterxml.jackson.databind.node.ObjectNode payload(SocketEvents.Call call) {
        if (!call.args().isEmpty() && call.args().get(0).isTextual()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("chatId", call.args().get(0).asText());
        }
        return call.payload();
    }

    private Object join(SocketEvents.Call call) {
        ConversationId id = Args.conversationId(payload(call));
        seed.open(call.me(), id);
        call.socket().join(Delivery.conversationRoom(id));
        return Map.of("chatId", id.value(), "chat", seed.chat(call.me(), id));
    }

    private Object leave(SocketEvents.Call call) {
        ConversationId id = Args.conversationId(payload(call));
        call.socket().leave(Delivery.conversationRoom(id));
        announcer.stopTyping(id, call.me(), call.socket().id());
        return Map.of("chatId", id.value());
    }

    private Object typing(SocketEvents.Call call, boolean isTyping) {
        ObjectNode payload = payload(call);
        ConversationId id = Args.conversationId(payload);
        seed.open(call.me(), id);
        if (Args.bool(payload, "internal").orElse(false) || Args.bool(payload, "isInternalNote").orElse(false)) {
            announcer.internalTyping(seed.conversation(call.me(), id), call.me(), isTyping, call.socket().id());
        } else {
            announcer.typing(seed.conversation(call.me(), id), call.me(), isTyping, call.socket().id());
        }
        return null;
    }
}
