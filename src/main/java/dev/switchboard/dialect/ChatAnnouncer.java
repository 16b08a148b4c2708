package dev.switchboard.dialect;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageUpdate;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStore;
import dev.switchboard.presence.PresenceService;
import dev.switchboard.presence.TypingService;
import dev.switchboard.support.SupportChatService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Tells everyone concerned what happened, in every dialect at once, so that a conversation looks
 * the same whichever events a client speaks: a message stored through seed 004's
 * {@code send-message} reaches native clients as {@code chat:new_message}, and the other way round.
 * Methods may block (they read participants); call them off the event loop, except those that say
 * they do not wait.
 */
public final class ChatAnnouncer {
    private final Delivery delivery;
    private final ConversationService conversations;
    private final TypingService typing;
    private final PresenceService presence;
    private final UserStore users;
    private final List<MessageListener> messageListeners = new CopyOnWriteArrayList<>();

    /** Another dialect's news of every new message. */
    @FunctionalInterface
    public interface MessageListener {
        /**
         * Tells of {@code result}; when {@code mayWait} is false and telling would wait (a lookup not in
         * memory, another part's lock), returns false having done nothing. Returns true when done.
         */
        boolean accept(SendResult result, boolean mayWait);
    }

    public ChatAnnouncer(Delivery delivery, ConversationService conversations, TypingService typing,
            PresenceService presence, UserStore users) {
        this.delivery = delivery;
        this.conversations = conversations;
        this.typing = typing;
        this.presence = presence;
        this.users = users;
    }

    /** Payload of chat:user_typing. */
    public record TypingView(String conversationId, String userId, String name, boolean isTyping) {}

    /** Payload of chat:user_typing for staff typing an internal note (staff only; {@code internal} is always true). */
    public record InternalTypingView(String conversationId, String userId, String name, boolean isTyping,
            boolean internal) {}

    /** Seed 004's typing / stop-typing payload. */
    public record DirectTypingView(String senderId, String userId, String conversationId, String name) {}

    /** Payload of chat:user_status and of chat:get_user_status. */
    public record StatusView(String userId, boolean online, Instant lastSeenAt) {}

    /** Seed 004's user-online / user-offline payload. */
    public record UserIdView(String userId) {}

    /** Also tells {@code listener} of every new message (another dialect's news, such as seed 003's). */
    public void onNewMessage(MessageListener listener) {
        messageListeners.add(listener);
    }

    /** Seed 003's typing payload (user_typing_support). */
    public record SupportTypingView(String chatId, String userId, String name, boolean isTyping) {}

    /** Seed 003's read payload (support_messages_read). */
    public record SupportReadView(String chatId, String userId, long lastReadSeq, Instant readAt) {}

    /** A newly stored message: every connection of every participant, the sender's other tabs included. */
    public void newMessage(SendResult result) {
        newMessage(result, null);
    }

    /**
     * {@link #newMessage} without waiting (for an event loop): what another dialect's listener cannot
     * tell without waiting goes to {@code later} (the sender's connection, in order).
     */
    public void newMessageNow(SendResult result, Executor later) {
        newMessage(result, Objects.requireNonNull(later));
    }

    private void newMessage(SendResult result, Executor later) {
        Message message = result.message();
        List<UserId> everyone = new ArrayList<>(result.recipients());
        everyone.add(message.senderId());
        if (delivery.anyListening(everyone, Dialect.NATIVE)) {
            delivery.toUsers(everyone, Dialect.NATIVE, "chat:new_message", Views.message(message));
        }
        for (UserId recipient : result.recipients()) {
            delivery.toUser(recipient, Dialect.SEED004, "receive-message", DirectMessageView.of(message, recipient));
        }
        for (MessageListener listener : messageListeners) {
            if (later == null) {
                listener.accept(result, true);
            } else if (!listener.accept(result, false)) {
                later.execute(() -> listener.accept(result, true));
            }
        }
    }

    /** An edited or deleted message: its audience (staff only for a note), natively. */
    public void messageUpdated(MessageUpdate update) {
        delivery.toUsers(update.audience(), Dialect.NATIVE, "chat:message_updated", Views.message(update.message()));
    }

    /** Records typing and, when it changed, tells the conversation (except the typist's socket). */
    public void typing(Conversation conversation, User who, boolean isTyping, String exceptSocketId) {
        boolean changed = isTyping ? typing.start(conversation.id(), who.id()) : typing.stop(conversation.id(), who.id());
        if (changed) announceTyping(conversation, who.id(), who.name(), isTyping, exceptSocketId);
    }

    /**
     * Staff typing an internal note: told only to the other staff (their sockets in the conversation
     * room natively, staff participants in seed 003), never recorded, so no customer learns of it by
     * any path (chat:join's {@code typing} list included). A public typing of the same staff member
     * in that conversation is stopped first. Not staff: {@code FORBIDDEN}.
     */
    public void internalTyping(Conversation conversation, User who, boolean isTyping, String exceptSocketId) {
        if (!SupportChatService.isSupportStaff(who.role())) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "only support staff type internal notes");
        }
        if (typing.stop(conversation.id(), who.id())) {
            announceTyping(conversation, who.id(), who.name(), false, exceptSocketId);
        }
        InternalTypingView view = new InternalTypingView(conversation.id().value(), who.id().value(), who.name(),
                isTyping, true);
        delivery.toConversationStaff(conversation.id(), exceptSocketId, "chat:user_typing", view);
        List<UserId> staff = conversation.othersThan(who.id()).stream()
                .filter(id -> users.findById(id).map(u -> SupportChatService.isSupportStaff(u.role())).orElse(false))
                .toList();
        delivery.toUsers(staff, Dialect.SEED003, "user_typing_support",
                new SupportTypingView(conversation.id().value(), who.id().value(), who.name(), isTyping));
    }

    /** Stops typing when the typist leaves; loads the conversation only if needed. */
    public void stopTyping(ConversationId id, User who, String exceptSocketId) {
        if (typing.stop(id, who.id())) {
            announceTyping(conversations.get(who.id(), id), who.id(), who.name(), false, exceptSocketId);
        }
    }

    /** Stops the sender's typing after their message; does not wait (the message says who else is there). */
    public void stopTyping(SendResult sent, User who, String exceptSocketId) {
        ConversationId id = sent.message().conversationId();
        if (typing.stop(id, who.id())) announceTyping(id, sent.recipients(), who.id(), who.name(), false, exceptSocketId);
    }

    /** Who is typing in a conversation right now (seed 001's getTypingUsers). */
    public List<String> typingIn(ConversationId id) {
        return typing.typing(id).stream().map(UserId::value).toList();
    }

    /** A typing that ran out without a stop (see {@link TypingService#expireDue()}). */
    public void typingExpired(TypingService.Typist typist) {
        String name = users.findById(typist.userId()).map(User::name).orElse("");
        conversations.lookup(typist.conversationId())
                .ifPresent(c -> announceTyping(c, typist.userId(), name, false, null));
    }

    private void announceTyping(Conversation conversation, UserId who, String name, boolean isTyping, String except) {
        announceTyping(conversation.id(), conversation.othersThan(who), who, name, isTyping, except);
    }

    private void announceTyping(ConversationId id, List<UserId> others, UserId who, String name, boolean isTyping,
            String except) {
        delivery.toConversation(id, except, "chat:user_typing", new TypingView(id.value(), who.value(), name, isTyping));
        DirectTypingView direct = new DirectTypingView(who.value(), who.value(), id.value(), name);
        delivery.toUsers(others, Dialect.SEED004, isTyping ? "typing" : "stop-typing", direct);
        delivery.toUsers(others, Dialect.SEED003, "user_typing_support",
                new SupportTypingView(id.value(), who.value(), name, isTyping));
    }

    /** A read receipt: every participant learns how far this one has read. */
    public void read(Conversation conversation, Views.ReadView read) {
        delivery.toUsers(conversation.participants(), Dialect.NATIVE, "chat:messages_read", read);
        delivery.toUsers(conversation.participants(), Dialect.SEED003, "support_messages_read",
                new SupportReadView(read.conversationId(), read.userId(), read.lastReadSeq(), read.readAt()));
    }

    /** The first connection of a user opened: their contacts learn they are online. */
    public void online(User user) {
        List<UserId> contacts = conversations.contactsOf(user.id());
        delivery.toUsers(contacts, Dialect.NATIVE, "chat:user_status", new StatusView(user.id().value(), true, null));
        delivery.toUsers(contacts, Dialect.SEED004, "user-online", new UserIdView(user.id().value()));
    }

    /** The last connection of a user closed. */
    public void offline(User user, Instant lastSeen) {
        for (ConversationId id : typing.stopAll(user.id())) {
            conversations.lookup(id).ifPresent(c -> announceTyping(c, user.id(), user.name(), false, null));
        }
        List<UserId> contacts = conversations.contactsOf(user.id());
        delivery.toUsers(contacts, Dialect.NATIVE, "chat:user_status", new StatusView(user.id().value(), false, lastSeen));
        delivery.toUsers(contacts, Dialect.SEED004, "user-offline", new UserIdView(user.id().value()));
    }

    /**
     * Whether {@code other} is online, for someone allowed to know: staff may ask about anyone,
     * others about staff and about the people they talk with.
     */
    public StatusView status(User asker, UserId other) {
        // Only staff learn whether an id exists; anyone else gets the same answer as for a stranger.
        User otherUser = users.findById(other).orElseThrow(() -> asker.role().isStaff()
                ? SwitchboardException.notFound(ErrorCode.USER_NOT_FOUND, "user")
                : new SwitchboardException(ErrorCode.FORBIDDEN, "you may only see the status of people you talk with"));
        boolean allowed = asker.role().isStaff() || otherUser.role().isStaff() || asker.id().equals(other)
                || conversations.contactsOf(asker.id()).contains(other);
        if (!allowed) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN,
                    "you may only see the status of people you talk with");
        }
        Instant lastSeen = presence.lastSeen(other).orElse(otherUser.lastSeenAt());
        return new StatusView(other.value(), presence.isOnline(other), presence.isOnline(other) ? null : lastSeen);
    }
}
