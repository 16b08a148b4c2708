package dev.switchboard.support;

import dev.switchboard.conversation.Message;
import dev.switchboard.identity.User;
import java.util.Objects;

/**
 * A support chat as one viewer sees it: with its people, and the last message that viewer may see.
 *
 * @param staffView   whether the viewer is staff (then notes count and per-side counters are shown)
 * @param assignee    null when unassigned
 * @param lastMessage null when the viewer sees no message yet
 * @param staffLastReadSeq for the customer's view: how far staff have read, never beyond the last
 *                    message the customer may see; null in staff views
 */
public record Ticket(SupportChat chat, User customer, User assignee, Message lastMessage, boolean staffView,
        Long staffLastReadSeq) {
    public Ticket {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(customer, "customer");
    }

    /** The viewer's side's unread count. */
    public long unreadCount() {
        return staffView ? chat.unreadByStaff() : chat.unreadByCustomer();
    }
}
