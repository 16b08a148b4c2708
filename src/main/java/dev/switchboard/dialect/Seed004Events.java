package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.identity.IdentityService;
import dev.switchboard.identity.UserId;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Seed 004's events: {@code send-message} addressed by receiver id (stored in the direct
 * conversation between the two, answered by {@code message-sent} to the sender and delivered as
 * {@code receive-message}), and {@code typing} / {@code stop-typing} addressed the same way.
 * {@code user-online} / {@code user-offline} come from {@link ChatAnnouncer}.
 */
public final class Seed004Events {
    private final ConversationService conversations;
    private final ChatAnnouncer announcer;
    private final IdentityService identity;

    public Seed004Events(ConversationService conversations, ChatAnnouncer announcer, IdentityService identity) {
        this.conversations = conversations;
        this.announcer = announcer;
        this.identity = identity;
    }

    /** Payload of {@code authenticated}. */
    public record Authenticated(String userId, String name, String role) {}

    public void register(SocketEvents events) {
        events.on(Dialect.SEED004, "authenticate", this::authenticate);
        events.on(Dialect.SEED004, "send-message", this::send, conversations.sendsNow() ? this::sendNow : null);
        events.on(Dialect.SEED004, "typing", call -> typing(call, true));
        events.on(Dialect.SEED004, "stop-typing", call -> typing(call, false));
    }

    /**
     * Seed 004's clients confirm their identity after connecting. The connection was already
     * authenticated by its handshake; this answers {@code authenticated} with who that is, and
     * refuses a token that names someone else rather than switching identity mid-connection.
     */
    private Object authenticate(SocketEvents.Call call) {
        if (!call.args().isEmpty() && !call.args().get(0).isNull()) {
            String token = call.args().get(0).isTextual() ? call.args().get(0).asText()
                    : Args.text(call.payload(), "token").orElse(null);
            if (token != null && !identity.authenticate(token).id().equals(call.me().id())) {
                throw new SwitchboardException(ErrorCode.FORBIDDEN, "this connection is signed in as another user");
            }
        }
        Authenticated who = new Authenticated(call.me().id().value(), call.me().name(), call.me().role().wire());
        call.socket().emit("authenticated", who);
        return who;
    }

    /** What {@code send-message} carries. */
    private record Send(UserId receiver, String text, String clientKey) {
        static Send of(SocketEvents.Call call) {
            ObjectNode payload = call.payload();
            return new Send(Args.userId(payload, "receiverId", "to", "recipientId"),
                    Args.requiredText(payload, "message", "text", "content"),
                    Args.text(payload, "clientMessageId", "clientKey", "idempotencyKey", "tempId").orElse(null));
        }
    }

    private Object send(SocketEvents.Call call) {
        Send send = Send.of(call);
        SendResult result = conversations.sendDirect(call.me().id(), send.receiver(), send.text(), send.clientKey());
        return sent(call, send, result, null);
    }

    /** {@code send-message} on the event loop, when the conversation and the store answer without waiting. */
    private Object sendNow(SocketEvents.Call call, Executor later) {
        Send send = Send.of(call);
        Optional<SendResult> result = conversations.sendDirectNow(call.me().id(), send.receiver(), send.text(),
                send.clientKey());
        return result.isPresent() ? sent(call, send, result.get(), later) : SocketEvents.LATER;
    }

    /** Tells everyone of a stored message ({@code later}: what may wait goes there; null: waiting is allowed). */
    private Object sent(SocketEvents.Call call, Send send, SendResult result, Executor later) {
        DirectMessageView view = DirectMessageView.of(result.message(), send.receiver());
        if (!result.duplicate()) {
            announcer.stopTyping(result, call.me(), call.socket().id());
            if (later == null) {
                announcer.newMessage(result);
            } else {
                announcer.newMessageNow(result, later);
            }
        }
        // the seed's confirmation event, for clients that did not ask for an ack (the ack says the same)
        if (!call.wantsAck()) call.socket().emit("message-sent", view);
        return view;
    }

    private Object typing(SocketEvents.Call call, boolean isTyping) {
        UserId receiver = Args.userId(call.payload(), "receiverId", "to", "recipientId");
        Conversation conversation = conversations.findDirect(call.me().id(), receiver)
                .orElseThrow(() -> new SwitchboardException(ErrorCode.CONVERSATION_NOT_FOUND,
                        "no conversation with that user yet: send a message first"));
        announcer.typing(conversation, call.me(), isTyping, call.socket().id());
        return null;
    }
}
