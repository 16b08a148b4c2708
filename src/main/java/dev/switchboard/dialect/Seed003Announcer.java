package dev.switchboard.dialect;

import dev.switchboard.common.LruCache;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A new message in a support chat, in seed 003's words, whichever dialect sent it:
 * {@code new_support_message} to every participant it reaches (staff only for a note),
 * {@code new_user_message_notification} to all staff for a customer's message, and
 * {@code admin_reply_notification} to the customer for a visible staff message.
 */
public final class Seed003Announcer implements ChatAnnouncer.MessageListener {
    private static final int CACHED = 50_000;

    private final SupportChatService support;
    private final Delivery delivery;
    // a conversation's customer never changes, and a conversation never becomes or stops being a support chat
    private final LruCache<ConversationId, Optional<UserId>> customers = new LruCache<>(CACHED);

    public Seed003Announcer(SupportChatService support, Delivery delivery) {
        this.support = support;
        this.delivery = delivery;
    }

    /** Waits only to learn whether a conversation not remembered is a support chat. */
    @Override
    public boolean accept(SendResult result, boolean mayWait) {
        if (!result.maybeSupportChat()) return true; // a direct conversation: no read, not even the first time
        Message m = result.message();
        Optional<UserId> customer = customers.get(m.conversationId());
        if (customer == null) {
            if (!mayWait) return false;
            customer = customerOf(m.conversationId());
        }
        if (customer.isEmpty()) return true;
        Seed003Views.ChatMessage message = Seed003Views.message(m);
        List<UserId> everyone = new ArrayList<>(result.recipients());
        everyone.add(m.senderId());
        delivery.toUsers(everyone, Dialect.SEED003, "new_support_message", message);
        Seed003Views.MessageEvent event = new Seed003Views.MessageEvent(m.conversationId().value(), message);
        if (m.senderId().equals(customer.get())) {
            delivery.toStaff(Dialect.SEED003, "new_user_message_notification", event);
        } else if (!m.isNote()) {
            delivery.toUser(customer.get(), Dialect.SEED003, "admin_reply_notification", event);
        }
        return true;
    }

    private Optional<UserId> customerOf(ConversationId id) {
        Optional<UserId> known = customers.get(id);
        if (known != null) return known;
        Optional<UserId> found = support.find(id).map(SupportChat::customer);
        customers.put(id, found);
        return found;
    }
}
